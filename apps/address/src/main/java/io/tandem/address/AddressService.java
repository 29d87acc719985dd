package io.tandem.address;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiHandler;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Reply;
import io.tandem.common.store.PrimaryRole;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;

/**
 * Addresses, v1 (all need X-User-Id; a user sees only their own):
 * <pre>
 * GET    /v1/addresses                 list
 * POST   /v1/addresses                 add (201; 422 ADDRESS_LIMIT past address.max-per-user)
 * GET    /v1/addresses/{addressId}     one
 * PUT    /v1/addresses/{addressId}     replace
 * DELETE /v1/addresses/{addressId}     delete (204)
 * </pre>
 * Writes on a cluster that does not hold the primary role ({@code primary_cluster}; B normally): 421 ADDRESS_WRITE_NOT_ON_THIS_CLUSTER, nothing written.
 */
final class AddressService implements HttpService {
    static final Pattern ADDRESS_ID = Pattern.compile("ad-[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Api api;
    private final AddressStore store;
    private final AddressSettings settings;
    private final PrimaryRole role;

    /** @param role whether this cluster holds the primary role now ({@code primary_cluster}); writes need it */
    AddressService(Api api, AddressStore store, AddressSettings settings, PrimaryRole role) {
        this.api = api;
        this.store = store;
        this.settings = settings;
        this.role = role;
    }

    @Override
    public void routing(HttpRules rules) {
        api.get(rules, "/v1/addresses", this::list);
        api.post(rules, "/v1/addresses", write(this::add));
        api.get(rules, "/v1/addresses/{addressId}", this::one);
        api.put(rules, "/v1/addresses/{addressId}", write(this::replace));
        api.delete(rules, "/v1/addresses/{addressId}", write(this::delete));
    }

    private ApiHandler write(ApiHandler handler) {
        return req -> {
            req.user();
            if (!role.held()) {
                throw new ApiException(ApiException.MISDIRECTED, "ADDRESS_WRITE_NOT_ON_THIS_CLUSTER",
                        "Addresses are written on the primary cluster; this is cluster " + settings.cluster() + ".",
                        "Call through the proxy, which sends address writes to the primary cluster.");
            }
            return handler.handle(req);
        };
    }

    private Reply list(ApiRequest req) {
        JsonArrayBuilder list = Jsons.JSON.createArrayBuilder();
        store.list(req.user()).forEach(a -> list.add(a.toJson()));
        return Reply.ok(Jsons.JSON.createObjectBuilder().add("addresses", list).build());
    }

    private Reply one(ApiRequest req) {
        String user = req.user();
        String id = req.path("addressId", 25, ADDRESS_ID);
        return Reply.ok(store.find(user, id).orElseThrow(() -> notFound(id)).toJson());
    }

    private Reply add(ApiRequest req) {
        String user = req.user();
        long now = System.currentTimeMillis();
        Address address = AddressInput.parse(req.json(), "ad-" + random(), user, now, now);
        store.insert(address, settings.maxPerUser());
        return Reply.created(address.toJson()).withHeader("Location", "/v1/addresses/" + address.addressId());
    }

    private Reply replace(ApiRequest req) {
        String user = req.user();
        String id = req.path("addressId", 25, ADDRESS_ID);
        Address current = store.find(user, id).orElseThrow(() -> notFound(id));
        Address address = AddressInput.parse(req.json(), id, user, current.createdAt(), System.currentTimeMillis());
        if (!store.update(address)) {
            throw notFound(id);
        }
        return Reply.ok(address.toJson());
    }

    private Reply delete(ApiRequest req) {
        String user = req.user();
        String id = req.path("addressId", 25, ADDRESS_ID);
        if (!store.delete(user, id)) {
            throw notFound(id);
        }
        return Reply.noContent();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("ADDRESS_NOT_FOUND", "addressId: no address " + id + " for this user.");
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
