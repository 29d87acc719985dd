package io.tandem.address;

import java.io.StringReader;
import java.util.UUID;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.Identity;
import io.tandem.common.api.RouteTable;
import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.idempotency.InMemoryIdempotencyStore;
import io.tandem.common.testing.OpenApiContract;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

@ServerTest
class AddressServiceTest {
    static final String VALID = """
            {"label":"home","recipient":"Ada Lovelace","line1":"Unter den Linden 1","city":"Berlin",
             "postcode":"10117","country":"de","phone":"+4930123456"}""";
    private static final InMemoryAddressStore STORE = new InMemoryAddressStore();
    private static final RouteTable ROUTES = new RouteTable();
    private final Http1Client client;

    AddressServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ErrorHandlers.register(routing);
        Identity.register(routing, TestIdentity.ASSERTIONS);
        Api api = Api.builder("address").routeTable(ROUTES)
                .idempotency(new Idempotency(new InMemoryIdempotencyStore(), true)).build();
        AddressModule.register(routing, api, STORE, new AddressSettings("a", true, 3));
    }

    static Http1ClientResponse send(Http1Client client, String method, String path, String user, String body) {
        Http1ClientRequest request = client.method(Method.create(method)).uri(path).header(Identity.USER_ID, user)
                .header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
        if (!method.equals("GET")) {
            request.header(HeaderNames.create("Idempotency-Key"), UUID.randomUUID().toString());
        }
        return body == null ? request.request() : request.header(HeaderValues.CONTENT_TYPE_JSON).submit(body);
    }

    static JsonObject json(Http1ClientResponse response, Status expected) {
        try (response) {
            String body = response.status() == Status.NO_CONTENT_204 ? "" : response.as(String.class);
            assertThat(body, response.status(), is(expected));
            return body.isEmpty() ? null : Json.createReader(new StringReader(body)).readObject();
        }
    }

    @Test
    void addListReplaceDelete() {
        JsonObject created = json(send(client, "POST", "/v1/addresses", "u-crud", VALID), Status.CREATED_201);
        assertThat(created.getString("country"), is("DE"));
        String id = created.getString("addressId");
        assertThat(json(send(client, "GET", "/v1/addresses", "u-crud", null), Status.OK_200)
                .getJsonArray("addresses").size(), is(1));
        JsonObject replaced = json(send(client, "PUT", "/v1/addresses/" + id, "u-crud",
                VALID.replace("Unter den Linden 1", "Karl-Marx-Allee 2")), Status.OK_200);
        assertThat(replaced.getString("line1"), is("Karl-Marx-Allee 2"));
        json(send(client, "GET", "/v1/addresses/" + id, "someone-else", null), Status.NOT_FOUND_404);
        json(send(client, "DELETE", "/v1/addresses/" + id, "u-crud", null), Status.NO_CONTENT_204);
        json(send(client, "GET", "/v1/addresses/" + id, "u-crud", null), Status.NOT_FOUND_404);
    }

    @Test
    void everyFieldIsValidatedAndNamed() {
        assertThat(field(VALID.replace("10117", "1011")), is("postcode"));
        assertThat(field(VALID.replace("+4930123456", "030 123456")), is("phone"));
        assertThat(field(VALID.replace("\"de\"", "\"Germany\"")), is("country"));
        assertThat(field(VALID.replace("Ada Lovelace", "x".repeat(101))), is("recipient"));
        assertThat(field(VALID.replace("\"Berlin\"", "42")), is("city"));
        assertThat(field(VALID.replace("\"label\":\"home\",", "\"lable\":\"home\",")), is("lable"));
        assertThat(field(VALID.replace("Berlin", "Ber\\u0000lin")), is("city"));
        assertThat(field(VALID.replace("\"city\":\"Berlin\",", "")), is("city"));
    }

    private String field(String body) {
        return json(send(client, "POST", "/v1/addresses", "u-valid", body), Status.BAD_REQUEST_400).getString("field");
    }

    @Test
    void aUserHasAtMostTheConfiguredNumber() {
        for (int i = 0; i < 3; i++) {
            json(send(client, "POST", "/v1/addresses", "u-max", VALID), Status.CREATED_201);
        }
        assertThat(json(send(client, "POST", "/v1/addresses", "u-max", VALID), Status.create(422)).getString("code"),
                is("ADDRESS_LIMIT"));
    }

    @Test
    void openApiMatchesTheRoutes() {
        OpenApiContract.assertMatches("address", ROUTES);
    }
}
