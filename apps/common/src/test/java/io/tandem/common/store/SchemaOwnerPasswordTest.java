package io.tandem.common.store;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchemaOwnerPasswordTest {
    @Test
    void theEnvironmentsPasswordIsTaken() {
        assertThat(SchemaOwnerPassword.from(Map.of("DB_ADMIN_PASSWORD", "s3cret")), is("s3cret"));
    }

    @Test
    void anUnsetOrEmptyPasswordIsAClearError() {
        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("DB_ADMIN_PASSWORD", ""))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SchemaOwnerPassword.from(environment));
            assertThat(e.getMessage(), containsString("DB_ADMIN_PASSWORD is not set"));
        }
    }
}
