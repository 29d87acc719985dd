package io.tandem.address;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A delivery address of a user.
 *
 * @param addressId id
 * @param userId    owner
 * @param label     optional ("home")
 * @param recipient who receives
 * @param line1     street and number
 * @param line2     optional
 * @param city      city
 * @param region    optional (state, county)
 * @param postcode  per country format
 * @param country   ISO 3166-1 alpha-2
 * @param phone     E.164
 * @param createdAt epoch millis
 * @param updatedAt epoch millis
 */
record Address(String addressId, String userId, String label, String recipient, String line1, String line2,
               String city, String region, String postcode, String country, String phone, long createdAt,
               long updatedAt) {
    JsonObject toJson() {
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder().add("addressId", addressId);
        add(json, "label", label);
        json.add("recipient", recipient).add("line1", line1);
        add(json, "line2", line2);
        json.add("city", city);
        add(json, "region", region);
        return json.add("postcode", postcode).add("country", country).add("phone", phone)
                .add("createdAt", createdAt).add("updatedAt", updatedAt).build();
    }

    private static void add(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
