package io.tandem.drill;

import java.util.List;

/**
 * What the data says about a run.
 *
 * @param orders        orders of the run's users found in the order databases
 * @param confirmed     of those, CONFIRMED
 * @param lost          accepted (202) orders missing from both databases or not final, plus confirmed orders missing
 *                      from Kafka
 * @param duplicated    order numbers held twice, confirmed orders on Kafka more than once, orders charged twice
 * @param split         orders made on another cluster than their session's key and cart
 * @param orphanCharges succeeded charges whose order is in no order table
 * @param problems      one line per finding, for people
 * @param stock         the stock service's side: oversold products, holds left by failed orders ({@link StockCheck})
 */
public record Verification(int orders, int confirmed, int lost, int duplicated, int split, int orphanCharges,
                           List<String> problems, StockCheck.Result stock) {
    public boolean clean() {
        return lost == 0 && duplicated == 0 && split == 0 && orphanCharges == 0
                && problems.stream().noneMatch(p -> p.startsWith("unreachable")) && stock.clean();
    }

    public int oversold() {
        return stock.oversold();
    }
}
