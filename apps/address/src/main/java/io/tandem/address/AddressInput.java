package io.tandem.address;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tandem.common.api.ApiException;
import io.tandem.common.api.Fields;

import jakarta.json.JsonObject;

/**
 * Validates an address body field by field; each failure is a 400 naming the field. Postcodes are checked against
 * the country's format where Tandem ships (a short list), and a loose format elsewhere.
 */
final class AddressInput {
    static final Set<String> FIELDS = Set.of("label", "recipient", "line1", "line2", "city", "region", "postcode",
            "country", "phone");
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final Pattern ANY_POSTCODE = Pattern.compile("[A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9]");
    static final Map<String, Pattern> POSTCODES = Map.of(
            "DE", Pattern.compile("[0-9]{5}"),
            "FR", Pattern.compile("[0-9]{5}"),
            "ES", Pattern.compile("[0-9]{5}"),
            "IT", Pattern.compile("[0-9]{5}"),
            "NL", Pattern.compile("[1-9][0-9]{3} ?[A-Z]{2}"),
            "BE", Pattern.compile("[1-9][0-9]{3}"),
            "AT", Pattern.compile("[1-9][0-9]{3}"),
            "GB", Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"),
            "US", Pattern.compile("[0-9]{5}(-[0-9]{4})?"),
            "PL", Pattern.compile("[0-9]{2}-[0-9]{3}"));
    /** Letters of any script, digits, spaces and the punctuation of real addresses. */
    private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{M}\\p{N} .,'#/()&-]+");

    private AddressInput() {
    }

    /** The validated fields, ready to store (country and postcode upper-cased). */
    static Address parse(JsonObject body, String addressId, String userId, long createdAt, long now) {
        Fields.onlyKnown(body, FIELDS);
        String label = Fields.optionalString(body, "label", 1, 40, TEXT, "letters, digits and address punctuation");
        String recipient = Fields.string(body, "recipient", 1, 100, TEXT, "letters, digits and address punctuation");
        String line1 = Fields.string(body, "line1", 1, 120, TEXT, "letters, digits and address punctuation");
        String line2 = Fields.optionalString(body, "line2", 1, 120, TEXT, "letters, digits and address punctuation");
        String city = Fields.string(body, "city", 1, 80, TEXT, "letters, digits and address punctuation");
        String region = Fields.optionalString(body, "region", 1, 80, TEXT, "letters, digits and address punctuation");
        String country = Fields.string(body, "country", 2, 2, null, null).toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw ApiException.badField("country", "must be an ISO 3166-1 alpha-2 code, e.g. DE");
        }
        String postcode = Fields.string(body, "postcode", 3, 10, null, null).toUpperCase(Locale.ROOT);
        Pattern postcodeFormat = POSTCODES.getOrDefault(country, ANY_POSTCODE);
        if (!postcodeFormat.matcher(postcode).matches()) {
            throw ApiException.badField("postcode", "is not a valid postcode for " + country);
        }
        String phone = Fields.string(body, "phone", 8, 16, PHONE, "an E.164 number, e.g. +4930123456");
        return new Address(addressId, userId, label, recipient, line1, line2, city, region, postcode, country, phone,
                createdAt, now);
    }
}
