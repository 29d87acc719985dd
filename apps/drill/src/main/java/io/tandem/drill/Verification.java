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
 * @param offCart       orders whose lines are not their checkout cart's (or whose cart is not found)
 * @param foreignAddress orders whose address is not their user's
 * @param problems      one line per finding, for people
 * @param stock         the stock service's side: oversold products, holds left by failed orders ({@link StockCheck})
 */
public record Verification(int orders, int confirmed, int lost, int duplicated, int split, int orphanCharges,
                           int offCart, int foreignAddress, List<String> problems, StockCheck.Result stock) {
    public boolean clean() {
        return lost == 0 && duplicated == 0 && split == 0 && orphanCharges == 0 && offCart == 0 && foreignAddress == 0
                && problems.stream().noneMatch(p -> p.startsWith("unreachable")) && stock.clean();
    }

    public int oversold() {
        return stock.oversold();
    }

    /** The figures a person reads first, in the drill's last line. */
    public String line() {
        return confirmed + " orders, " + lost + " lost, " + duplicated + " duplicated, " + split + " sessions split, "
                + oversold() + " oversold, " + (offCart + foreignAddress) + " off their cart";
    }
}
