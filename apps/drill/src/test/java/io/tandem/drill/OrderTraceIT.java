package io.tandem.drill;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * One order placed through the proxy of the running environment is one trace in Zipkin, from the proxy to the
 * notifier: the proxy, the cluster (its routes, saga steps, database and Redis calls), the payment provider, the
 * Kafka hop (the relay's producer span, the notifier's consumer span). Then the Zipkin UI shows that trace in headless
 * Chromium, as ops would open it; the screenshot is saved in the environment's logs ({@code order-trace.png}).
 */
class OrderTraceIT {
    /** A confirmed order's last spans (the notifier's) leave their process within the export delay (1 s). */
    private static final Duration TRACE_WAIT = Duration.ofSeconds(30);
    private static final Duration ORDER_WAIT = Duration.ofSeconds(60);
    private static final Duration UI_WAIT = Duration.ofSeconds(30);
    private static Env env;
    private static Shop shop;
    private static String zipkin;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void environment() throws Exception {
        Path file = Path.of(System.getProperty("tandem.env.file", "../../.run/local/env.properties"));
        assertThat("the local environment is up (" + file + ")", Files.exists(file), is(true));
        env = Env.load(file);
        zipkin = env.get("zipkin.url");
        shop = new Shop(env.get("proxy.url"), Jwt.of(env), 1);
    }

    @Test
    void oneOrderIsOneTraceFromTheProxyToTheNotifier() throws Exception {
        String order = placeAndConfirm(shop.caller("trace-it-" + Long.toHexString(ThreadLocalRandom.current().nextLong())));

        JsonArray trace = traceOf(order);
        String traceId = trace.getJsonObject(0).getString("traceId");
        Set<String> services = new TreeSet<>();
        Set<String> remotes = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonValue value : trace) {
            JsonObject span = value.asJsonObject();
            assertThat(span.getString("traceId"), is(traceId));
            byId.put(span.getString("id"), span);
            services.add(span.getJsonObject("localEndpoint").getString("serviceName"));
            if (span.containsKey("remoteEndpoint")) {
                remotes.add(span.getJsonObject("remoteEndpoint").getString("serviceName"));
            }
            kinds.add(span.getJsonObject("localEndpoint").getString("serviceName") + ":" + span.getString("kind", "-"));
        }
        String cluster = "cluster-" + order.charAt(order.length() - 1);
        cluster = cluster.toLowerCase(java.util.Locale.ROOT);
        assertThat(services, hasItems("proxy", cluster, "psp", "notifier"));
        assertThat("a database, Redis, the payment provider and Kafka as remote sides of client spans", remotes,
                hasItems("db-orders", "redis", "psp", "kafka"));
        assertThat(kinds, hasItems(cluster + ":PRODUCER", "notifier:CONSUMER", "psp:SERVER", "proxy:SERVER"));
        // one trace: every span but the proxy's root hangs from a span of the same trace
        List<String> orphans = byId.values().stream()
                .filter(s -> s.containsKey("parentId") && !byId.containsKey(s.getString("parentId")))
                .map(s -> s.getString("name")).toList();
        assertThat("spans whose parent is not in the trace", orphans, is(empty()));
        long roots = byId.values().stream().filter(s -> !s.containsKey("parentId")).count();
        assertThat(roots, is(1L));
        System.out.printf("order %s: trace %s, %d spans, depth %d, services %s%n", order, traceId, trace.size(),
                depth(byId), services);

        Path shot = env.runDir().resolve("logs").resolve("order-trace.png");
        String page = screenshot(zipkin + "/zipkin/traces/" + traceId, shot);
        assertThat(Files.size(shot), is(greaterThan(10_000L)));
        assertThat("the UI names the trace", page.contains(traceId), is(true));
    }

    /** A buy-now checkout through the proxy, to a saved address, with a card that goes through: its order number. */
    private static String placeAndConfirm(Shop.Caller caller) throws InterruptedException {
        Shop.Answer address = caller.call("POST", "/v1/addresses", Json.createObjectBuilder().add("recipient", "Trace IT")
                .add("line1", "Teststrasse 1").add("city", "Berlin").add("postcode", "10115").add("country", "DE")
                .add("phone", "+4930123456").build(), null, caller.userId() + ".address");
        assertThat(address.detail(), address.status(), is(201));
        Shop.Answer cart = null;
        for (int pick = 0; pick < 5; pick++) {
            // every 50th product has no stock; others may be sold out by earlier runs: pick again
            int product = 1 + ThreadLocalRandom.current().nextInt(CheckoutSession.PRODUCTS);
            cart = caller.call("POST", "/v1/buynow/carts", Json.createObjectBuilder()
                    .add("productId", String.format("P%05d", product)).add("quantity", 1).build(), null,
                    caller.userId() + ".cart" + pick);
            if (cart.ok()) {
                break;
            }
        }
        assertThat(cart.detail(), cart.ok(), is(true));
        String sessionKey = cart.body().getString("sessionKey", cart.sessionKeyHeader());
        long total = cart.body().getJsonObject("price").getJsonNumber("totalCents").longValue();
        // As a shopper would (CheckoutSession): a cold environment may price the cart without a discount that the
        // order then gets (offers answered late the first time); PRICE_CHANGED shows the new total: place again.
        for (int round = 0; ; round++) {
            Shop.Answer placed = caller.call("POST", "/v1/orders", Json.createObjectBuilder()
                    .add("cartId", cart.body().getString("cartId"))
                    .add("addressId", address.body().getString("addressId"))
                    .add("cardToken", "tok_visa")
                    .add("expectedTotalCents", total)
                    .build(), sessionKey, caller.userId() + ".trace" + round);
            assertThat(placed.detail(), placed.status(), is(202));
            String order = placed.body().getString("orderNumber");
            JsonObject seen = poll(caller, order, sessionKey);
            JsonObject failure = seen.getJsonObject("failure");
            if (round < 2 && failure != null && "PRICE_CHANGED".equals(failure.getString("code", null))) {
                total = seen.getJsonNumber("totalCents").longValue();
                continue;
            }
            assertThat("order " + order + ": " + seen, seen.getString("status", "?"), is("CONFIRMED"));
            return order;
        }
    }

    /** The order as last read, once CONFIRMED or FAILED (or when the wait is over). */
    private static JsonObject poll(Shop.Caller caller, String order, String sessionKey) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ORDER_WAIT.toMillis();
        JsonObject last = JsonValue.EMPTY_JSON_OBJECT;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            Shop.Answer seen = caller.call("GET", "/v1/orders/" + order, null, sessionKey, null);
            if (seen.ok()) {
                last = seen.body();
                String status = last.getString("status", "");
                if (status.equals("CONFIRMED") || status.equals("FAILED")) {
                    return last;
                }
            }
        }
        return last;
    }

    /** The order's trace once the notifier's span is in (Zipkin finds it by the order.number tag). */
    private static JsonArray traceOf(String order) throws Exception {
        String query = URLEncoder.encode("order.number=" + order, StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + TRACE_WAIT.toMillis();
        JsonArray last = JsonValue.EMPTY_JSON_ARRAY;
        while (System.currentTimeMillis() < deadline) {
            JsonArray traces = get(zipkin + "/api/v2/traces?annotationQuery=" + query + "&lookback=3600000&limit=10").asJsonArray();
            assertThat("one trace for the order", traces.size() <= 1, is(true));
            if (traces.size() == 1) {
                String id = traces.getJsonArray(0).getJsonObject(0).getString("traceId");
                last = get(zipkin + "/api/v2/trace/" + id).asJsonArray();
                boolean notified = last.stream().anyMatch(s -> s.asJsonObject().getString("kind", "").equals("CONSUMER"));
                if (notified) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no whole trace of order " + order + " in Zipkin within " + TRACE_WAIT + ": " + last);
    }

    private static JsonValue get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(url, response.statusCode(), is(200));
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    private static int depth(Map<String, JsonObject> byId) {
        int deepest = 0;
        for (JsonObject span : byId.values()) {
            int depth = 1;
            for (JsonObject s = span; s.containsKey("parentId") && byId.containsKey(s.getString("parentId"));
                 s = byId.get(s.getString("parentId"))) {
                depth++;
            }
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    /** Opens the page in headless Chromium (Debian's, as the ops-ui scenario), waits for the trace, saves a picture. */
    private static String screenshot(String url, Path file) throws Exception {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("TANDEM_CHROMIUM", UnleashUi.CHROMIUM));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1600,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("TANDEM_CHROMEDRIVER", UnleashUi.CHROMEDRIVER)))
                .withLogFile(file.resolveSibling("order-trace-chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(UI_WAIT);
            driver.get(url);
            // the single-page app loads the trace after the page: wait until its spans are drawn (the list is
            // virtual: only the rows on screen are in the page, the proxy's first and the saga's first steps)
            new WebDriverWait(driver, UI_WAIT).withMessage("the Zipkin UI did not draw the trace's saga spans")
                    .until(d -> d.getPageSource().contains("saga price"));
            Thread.sleep(500); // let the timeline finish laying out before the picture
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return driver.getPageSource();
        } finally {
            driver.quit();
        }
    }
}
