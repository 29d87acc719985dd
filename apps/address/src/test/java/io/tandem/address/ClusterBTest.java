package io.tandem.address;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.api.Identity;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;

import org.junit.jupiter.api.Test;

import static io.tandem.address.AddressServiceTest.VALID;
import static io.tandem.address.AddressServiceTest.json;
import static io.tandem.address.AddressServiceTest.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The address service as cluster B runs it: reads answer, writes are refused and write nothing. */
@ServerTest
class ClusterBTest {
    private static final InMemoryAddressStore STORE = new InMemoryAddressStore();
    private final Http1Client client;

    ClusterBTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ErrorHandlers.register(routing);
        Identity.register(routing, TestIdentity.ASSERTIONS);
        AddressModule.register(routing, Api.builder("address").build(), STORE, new AddressSettings("b", false, 20));
    }

    @Test
    void writesAreRefusedReadsAnswer() {
        assertThat(json(send(client, "POST", "/v1/addresses", "u-b", VALID), Status.create(421)).getString("code"),
                is("ADDRESS_WRITE_NOT_ON_THIS_CLUSTER"));
        assertThat(json(send(client, "DELETE", "/v1/addresses/ad-AAAAAAAAAAAAAAAAAAAAAA", "u-b", null), Status.create(421))
                .getString("code"), is("ADDRESS_WRITE_NOT_ON_THIS_CLUSTER"));
        assertThat(STORE.rows.isEmpty(), is(true));
        json(send(client, "GET", "/v1/addresses", "u-b", null), Status.OK_200);
    }
}
