package io.tandem.drill;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class JwtTest {
    @Test
    void tokenIsHs256SignedWithTheClaimsTheProxyRequires() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef";
        String token = new Jwt(secret, "iss-x", "aud-y").token("user-7");
        String[] parts = token.split("\\.");
        assertThat(parts.length, is(3));
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload, containsString("\"sub\":\"user-7\""));
        assertThat(payload, containsString("\"iss\":\"iss-x\""));
        assertThat(payload, containsString("\"aud\":\"aud-y\""));
        assertThat(payload, containsString("\"exp\":"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertThat(parts[2], is(expected));
    }
}
