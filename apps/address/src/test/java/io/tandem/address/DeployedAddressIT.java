package io.tandem.address;

import java.util.UUID;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.api.Identity;
import io.tandem.common.testing.TestEnv;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tandem.address.AddressServiceTest.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Address as the deployed cluster JVMs of envs/local run it: write on A, read on B (replica), write on B refused. */
class DeployedAddressIT {
    private static IdentityAssertions identity;
    private static Http1Client a;
    private static Http1Client b;

    @BeforeAll
    static void connect() {
        TestEnv env = TestEnv.require();
        identity = env.identity();
        a = Http1Client.builder().baseUri(env.clusterUrl("a")).build();
        b = Http1Client.builder().baseUri(env.clusterUrl("b")).build();
    }

    private static Http1ClientResponse post(Http1Client client, String user) {
        return client.post("/v1/addresses").header(Identity.USER_ID, user).header(IdentityAssertions.HEADER, identity.sign(user, null))
                .header(HeaderNames.create("Idempotency-Key"), UUID.randomUUID().toString())
                .header(HeaderValues.CONTENT_TYPE_JSON).submit(AddressServiceTest.VALID);
    }

    @Test
    void writeOnAReadOnBAndWriteOnBRefused() throws InterruptedException {
        String user = "it-" + UUID.randomUUID();
        String id = json(post(a, user), Status.CREATED_201).getString("addressId");
        Status seen = null;
        for (int i = 0; i < 100 && seen != Status.OK_200; i++) {
            try (Http1ClientResponse response = b.get("/v1/addresses/" + id).header(Identity.USER_ID, user).header(IdentityAssertions.HEADER, identity.sign(user, null)).request()) {
                seen = response.status();
            }
            Thread.sleep(20);
        }
        assertThat(seen, is(Status.OK_200));
        assertThat(json(post(b, user), Status.create(421)).getString("code"), is("ADDRESS_WRITE_NOT_ON_THIS_CLUSTER"));
    }
}
