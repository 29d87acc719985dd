package io.tandem.offers;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Reply;
import io.tandem.common.pricing.Offer;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * Offers API, v1:
 * <pre>
 * GET /v1/offers?productIds=P00004,P00005   offers for up to 100 products: {"offers":[...]}
 * GET /v1/offers/{offerId}                  one offer, 404 UNKNOWN_OFFER
 * </pre>
 */
final class OffersService implements HttpService {
    static final int MAX_IDS = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Api api;
    private final Offers offers;

    OffersService(Api api, Offers offers) {
        this.api = api;
        this.offers = offers;
    }

    @Override
    public void routing(HttpRules rules) {
        api.get(rules, "/v1/offers", this::forProducts);
        api.get(rules, "/v1/offers/{offerId}", this::one);
    }

    private Reply forProducts(ApiRequest req) {
        String csv = req.query("productIds").orElseThrow(() -> ApiException.badField("productIds", "required"));
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(csv.split(",", -1)));
        if (ids.size() > MAX_IDS) {
            throw ApiException.badField("productIds", "at most " + MAX_IDS + " ids");
        }
        JsonArrayBuilder found = Jsons.JSON.createArrayBuilder();
        for (String id : ids) {
            Fields.param("productIds", id, 32, ID);
            offers.forProduct(id).forEach(offer -> found.add(json(offer)));
        }
        return Reply.ok(Jsons.JSON.createObjectBuilder().add("offers", found).build());
    }

    private Reply one(ApiRequest req) {
        String id = req.path("offerId", 32, ID);
        return offers.find(id).map(offer -> Reply.ok(json(offer)))
                .orElseThrow(() -> ApiException.notFound("UNKNOWN_OFFER", "offerId: no such offer " + id + "."));
    }

    private static JsonObject json(Offer offer) {
        return Jsons.JSON.createObjectBuilder().add("offerId", offer.offerId()).add("productId", offer.productId())
                .add("percentOff", offer.percentOff()).build();
    }
}
