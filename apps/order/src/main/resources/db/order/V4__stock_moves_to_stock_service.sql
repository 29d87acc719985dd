-- Stock is held in the stock service shared by both clusters (apps/stock, db-stock), no longer per cluster here.
DROP TABLE IF EXISTS order_reservation;
DROP TABLE IF EXISTS stock_reserved;
