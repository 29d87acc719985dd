package io.tandem.order.domain;

import java.io.StringReader;
import java.util.List;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * An order with prices, as the PRICED step stores it (so later steps and a resumed worker use the same numbers).
 *
 * @param lines          priced lines
 * @param currency       ISO 4217
 * @param discountStatus APPLIED, SKIPPED_KILL_SWITCH or SKIPPED_OFFERS_UNAVAILABLE
 */
public record PricedOrder(List<Line> lines, String currency, String discountStatus) {
    /**
     * @param stock catalog stock when priced (the reservation step checks against it)
     */
    public record Line(String productId, String name, int quantity, long unitPriceCents, int percentOff, int stock) {
        public long totalCents() {
            long list = unitPriceCents * quantity;
            return list - list * percentOff / 100;
        }
    }

    public long totalCents() {
        return lines.stream().mapToLong(Line::totalCents).sum();
    }

    public JsonObject toJson() {
        JsonArrayBuilder array = Jsons.JSON.createArrayBuilder();
        for (Line l : lines) {
            array.add(Jsons.JSON.createObjectBuilder().add("productId", l.productId()).add("name", l.name())
                    .add("quantity", l.quantity()).add("unitPriceCents", l.unitPriceCents())
                    .add("percentOff", l.percentOff()).add("stock", l.stock()).add("totalCents", l.totalCents()));
        }
        return Jsons.JSON.createObjectBuilder().add("lines", array).add("currency", currency)
                .add("discountStatus", discountStatus).add("totalCents", totalCents()).build();
    }

    public static PricedOrder fromJson(String text) {
        JsonObject json = Jsons.JSON.createReader(new StringReader(text)).readObject();
        List<Line> lines = json.getJsonArray("lines").stream().map(JsonValue::asJsonObject)
                .map(l -> new Line(l.getString("productId"), l.getString("name"), l.getInt("quantity"),
                        l.getJsonNumber("unitPriceCents").longValue(), l.getInt("percentOff"), l.getInt("stock")))
                .toList();
        return new PricedOrder(lines, json.getString("currency"), json.getString("discountStatus"));
    }
}
