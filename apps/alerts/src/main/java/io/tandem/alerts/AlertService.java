package io.tandem.alerts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.Jsons;
import io.tandem.common.api.Reply;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * <pre>
 * POST /v1/alerts/{receiver}   an Alertmanager webhook notification (version 4): every alert in it is recorded
 * GET  /v1/alerts[?alertname=] every alert received, oldest first
 * </pre>
 */
final class AlertService implements HttpService {
    /** The process's one JSON provider (Json.create* would look it up on every call). */
    private static final JsonProvider JSON = Jsons.JSON;
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final System.Logger LOG = System.getLogger(AlertService.class.getName());

    private final ReceivedAlerts received;
    private final Api api;

    AlertService(ReceivedAlerts received, Api api) {
        this.received = received;
        this.api = api;
    }

    @Override
    public void routing(HttpRules rules) {
        api.post(rules, "/v1/alerts/{receiver}", req -> {
            String receiver = req.path("receiver", 40, NAME);
            JsonObject body = req.json();
            if (!body.containsKey("alerts") || body.get("alerts").getValueType() != JsonValue.ValueType.ARRAY) {
                throw new ApiException(Status.BAD_REQUEST_400, "INVALID_FIELD", "alerts: required, an array.",
                        "Send Alertmanager's webhook payload (version 4).");
            }
            int n = 0;
            for (JsonValue v : body.getJsonArray("alerts")) {
                if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                ReceivedAlerts.Alert alert = alert(receiver, body.getString("status", ""), v.asJsonObject());
                received.add(alert);
                LOG.log(System.Logger.Level.WARNING, "Alert " + alert.status() + " to " + receiver + ": "
                        + alert.alertname() + " " + alert.labels() + " " + alert.summary());
                n++;
            }
            return Reply.ok(JSON.createObjectBuilder().add("recorded", n).build());
        });
        api.get(rules, "/v1/alerts", req -> {
            String name = req.query("alertname").orElse(null);
            JsonArrayBuilder all = JSON.createArrayBuilder();
            received.list(name).forEach(a -> all.add(toJson(a)));
            return Reply.ok(JSON.createObjectBuilder().add("alerts", all).build());
        });
    }

    private static ReceivedAlerts.Alert alert(String receiver, String groupStatus, JsonObject a) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonObject l = a.containsKey("labels") && a.get("labels").getValueType() == JsonValue.ValueType.OBJECT
                ? a.getJsonObject("labels") : JsonValue.EMPTY_JSON_OBJECT;
        l.forEach((k, v) -> labels.put(k, v.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) v).getString() : v.toString()));
        JsonObject annotations = a.containsKey("annotations")
                && a.get("annotations").getValueType() == JsonValue.ValueType.OBJECT
                ? a.getJsonObject("annotations") : JsonValue.EMPTY_JSON_OBJECT;
        return new ReceivedAlerts.Alert(System.currentTimeMillis(), receiver, a.getString("status", groupStatus),
                labels.getOrDefault("alertname", ""), labels.getOrDefault("severity", ""), labels,
                annotations.getString("summary", ""), a.getString("startsAt", ""), a.getString("endsAt", ""));
    }

    private static JsonObject toJson(ReceivedAlerts.Alert a) {
        JsonObjectBuilder labels = JSON.createObjectBuilder();
        a.labels().forEach(labels::add);
        return JSON.createObjectBuilder()
                .add("receivedAt", a.receivedAt())
                .add("receiver", a.receiver())
                .add("status", a.status())
                .add("alertname", a.alertname())
                .add("severity", a.severity())
                .add("labels", labels)
                .add("summary", a.summary())
                .add("startsAt", a.startsAt())
                .add("endsAt", a.endsAt())
                .build();
    }
}
