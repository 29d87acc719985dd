package io.tandem.common.pricing;

import java.util.List;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * A cart with prices: list prices and stock from catalog, discounts from offers when offers answered.
 *
 * @param lines          priced lines
 * @param currency       ISO 4217
 * @param discountStatus whether discounts are in ({@link DiscountStatus})
 */
public record PricedCart(List<PricedLine> lines, String currency, DiscountStatus discountStatus) {
    public long subtotalCents() {
        return lines.stream().mapToLong(PricedLine::listTotalCents).sum();
    }

    public long discountCents() {
        return lines.stream().mapToLong(PricedLine::discountCents).sum();
    }

    public long totalCents() {
        return subtotalCents() - discountCents();
    }

    public boolean allInStock() {
        return lines.stream().allMatch(PricedLine::inStock);
    }

    public JsonObject toJson() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        lines.forEach(line -> items.add(line.toJson()));
        return Jsons.JSON.createObjectBuilder()
                .add("lines", items)
                .add("currency", currency)
                .add("subtotalCents", subtotalCents())
                .add("discountCents", discountCents())
                .add("totalCents", totalCents())
                .add("discountApplied", discountStatus == DiscountStatus.APPLIED)
                .add("discountStatus", discountStatus.name())
                .add("allInStock", allInStock())
                .build();
    }

    /**
     * One priced line.
     *
     * @param productId      id
     * @param name           display name
     * @param quantity       units
     * @param unitPriceCents list price
     * @param offerId        applied offer, or null
     * @param percentOff     applied percent, 0 when none
     * @param stock          catalog stock when priced (an order's reservation checks against it)
     */
    public record PricedLine(String productId, String name, int quantity, long unitPriceCents, String offerId,
                             int percentOff, int stock) {
        /** Catalog stock covers the quantity. */
        public boolean inStock() {
            return stock >= quantity;
        }

        public long listTotalCents() {
            return unitPriceCents * quantity;
        }

        /** Rounded down per line, so a discount never exceeds the advertised percent. */
        public long discountCents() {
            return listTotalCents() * percentOff / 100;
        }

        JsonObject toJson() {
            var json = Jsons.JSON.createObjectBuilder()
                    .add("productId", productId).add("name", name).add("quantity", quantity)
                    .add("unitPriceCents", unitPriceCents).add("discountCents", discountCents())
                    .add("lineTotalCents", listTotalCents() - discountCents()).add("inStock", inStock());
            if (offerId != null) {
                json.add("offerId", offerId).add("percentOff", percentOff);
            }
            return json.build();
        }
    }
}
