package io.tandem.common.api;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class StoreCheckTimesTest {
    @Test
    void theSlowestCheckOfTheDocumentIsTheAnswer() {
        String document = """
                {"status":"UP","checks":[
                  {"name":"db-primary","status":"UP","data":{"answer":"ok","checkMillis":2004}},
                  {"name":"redis","status":"UP","data":{"checkMillis":3}},
                  {"name":"db-orders","status":"DOWN","data":{"error":"stale","checkMillis":5100}}]}""";
        assertThat(StoreCheckTimes.slowestMillis(document), is(5100L));
    }

    @Test
    void aDocumentThatNamesNoCheckTimeHasNone() {
        assertThat(StoreCheckTimes.slowestMillis("{\"status\":\"UP\"}"), is(-1L));
        assertThat(StoreCheckTimes.slowestMillis("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"data\":{}}]}"), is(-1L));
        assertThat(StoreCheckTimes.slowestMillis(""), is(-1L));
        assertThat(StoreCheckTimes.slowestMillis(null), is(-1L));
    }

    @Test
    void somethingElseThanAHealthDocumentIsNotAnError() {
        assertThat(StoreCheckTimes.slowestMillis("<html>busy</html>"), is(-1L));
        assertThat(StoreCheckTimes.slowestMillis("[1,2]"), is(-1L));
        assertThat(StoreCheckTimes.slowestMillis("{\"checks\":{\"not\":\"an array\"}}"), is(-1L));
        assertThat(StoreCheckTimes.slowestMillis("{\"checks\":[{\"data\":{\"checkMillis\":\"slow\"}}]}"), is(-1L));
    }
}
