package io.tandem.flags.pure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tandem.flags.bucket.Buckets;
import io.tandem.flags.bucket.ContextFields;
import io.tandem.flags.bucket.UnleashFields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One activation strategy with its constraints and strategy variants. */
final class PureStrategy {
    private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]+");
    // The engine's "random" stickiness hashes a random number below this, like its rule "random[10000]".
    private static final int RANDOM_STICKINESS_BOUND = 10_000;
    // The engine's gradualRolloutRandom draws 1..99 and compares it with "<".
    private static final int RANDOM_ROLLOUT_BOUND = 100;

    private enum Kind { TRUE, FALSE, USER_IDS, ROLLOUT, RANDOM }

    private final Kind kind;
    private final int percentage;
    private final String groupId;
    private final String stickiness;
    private final Set<String> userIds;
    private final PureConstraint[] constraints;
    private final VariantTable variants;

    private PureStrategy(Kind kind, int percentage, String groupId, String stickiness, Set<String> userIds,
                         PureConstraint[] constraints, VariantTable variants) {
        this.kind = kind;
        this.percentage = percentage;
        this.groupId = groupId;
        this.stickiness = stickiness;
        this.userIds = userIds;
        this.constraints = constraints;
        this.variants = variants;
    }

    static PureStrategy compile(JsonObject s, String toggleName, boolean stateHasSegments) {
        String name = s.get("name").getAsString();
        JsonObject params = s.has("parameters") && s.get("parameters").isJsonObject() ? s.getAsJsonObject("parameters") : new JsonObject();
        if (s.has("segments") && s.get("segments").isJsonArray() && !s.getAsJsonArray("segments").isEmpty()) {
            throw new UnsupportedFlagException("segments");
        }
        List<PureConstraint> constraints = new ArrayList<>();
        if (s.has("constraints") && s.get("constraints").isJsonArray()) {
            for (JsonElement c : s.getAsJsonArray("constraints")) {
                constraints.add(PureConstraint.compile(c.getAsJsonObject()));
            }
        }
        String groupIdParam = Json.optString(params, "groupId");
        String groupId = groupIdParam != null ? groupIdParam : toggleName;
        if (groupId.indexOf('"') >= 0 || groupId.indexOf('\\') >= 0) {
            throw new UnsupportedFlagException("a groupId with quotes or backslashes");
        }
        String stickinessParam = Json.optString(params, "stickiness");
        JsonElement variantsJson = s.get("variants");
        VariantTable variants = VariantTable.compile(
                variantsJson != null && variantsJson.isJsonArray() ? variantsJson.getAsJsonArray() : new JsonArray(),
                groupId, stickinessParam != null ? stickinessParam : "default", false);

        Kind kind;
        int percentage = 0;
        String stickiness = null;
        Set<String> userIds = Set.of();
        switch (name) {
        case "default" -> kind = Kind.TRUE;
        case "userWithId" -> {
            String ids = Json.optString(params, "userIds");
            if (ids == null) {
                kind = Kind.FALSE;
            } else {
                if (ids.indexOf('"') >= 0 || ids.indexOf('\\') >= 0) {
                    throw new UnsupportedFlagException("user ids with quotes or backslashes");
                }
                kind = Kind.USER_IDS;
                userIds = Arrays.stream(ids.split(",", -1)).map(String::trim).collect(Collectors.toUnmodifiableSet());
            }
        }
        case "gradualRolloutUserId", "gradualRolloutSessionId" -> {
            Integer p = usize(Json.optString(params, "percentage"));
            if (p == null || groupIdParam == null) {
                kind = Kind.FALSE;
            } else {
                kind = Kind.ROLLOUT;
                percentage = rolloutPercentage(p);
                stickiness = name.equals("gradualRolloutUserId") ? "userId" : "sessionId";
            }
        }
        case "gradualRolloutRandom" -> {
            Integer p = usize(Json.optString(params, "percentage"));
            kind = p == null ? Kind.FALSE : Kind.RANDOM;
            percentage = p == null ? 0 : p;
        }
        case "flexibleRollout" -> {
            Integer p = usize(Json.optString(params, "rollout"));
            if (p == null) {
                kind = Kind.FALSE;
            } else {
                kind = Kind.ROLLOUT;
                percentage = rolloutPercentage(p);
                stickiness = stickinessParam == null ? "default" : stickinessParam;
                if ("currentTime".equals(stickiness)) {
                    throw new UnsupportedFlagException("stickiness on currentTime");
                }
            }
        }
        default -> throw new UnsupportedFlagException("strategy " + name);
        }
        return new PureStrategy(kind, percentage, groupId, stickiness, userIds,
                constraints.toArray(PureConstraint[]::new), variants);
    }

    VariantTable variants() {
        return variants;
    }

    boolean holds(UnleashFields context) {
        for (PureConstraint c : constraints) {
            if (!c.holds(context)) {
                return false;
            }
        }
        return switch (kind) {
        case TRUE -> true;
        case FALSE -> false;
        case USER_IDS -> context.userId() != null && userIds.contains(context.userId());
        case RANDOM -> ThreadLocalRandom.current().nextInt(1, RANDOM_ROLLOUT_BOUND) < percentage;
        case ROLLOUT -> inRollout(context);
        };
    }

    private boolean inRollout(UnleashFields context) {
        String value;
        if ("random".equals(stickiness)) {
            value = randomStickiness();
        } else {
            value = ContextFields.stickinessValue(stickiness, context);
            if (value == null && "default".equals(stickiness)) {
                value = randomStickiness();
            }
        }
        return value != null && Buckets.rolloutBucket(groupId, value) <= percentage;
    }

    private static String randomStickiness() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1, RANDOM_STICKINESS_BOUND));
    }

    // The engine parses these parameters as an unsigned integer; anything else makes the strategy false.
    private static Integer usize(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            return null;
        }
        try {
            return Integer.valueOf(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new UnsupportedFlagException("a percentage too large to mirror");
        }
    }

    // The engine's rule grammar takes 0..100 only: above that the whole flag fails to compile.
    private static int rolloutPercentage(int p) {
        if (p > 100) {
            throw new UnsupportedFlagException("a rollout above 100%");
        }
        return p;
    }
}
