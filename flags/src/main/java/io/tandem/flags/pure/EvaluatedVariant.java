package io.tandem.flags.pure;

/**
 * A variant answer in the shape of Unleash's {@code getVariant}.
 *
 * @param name           variant name, {@code disabled} when none
 * @param payloadType    payload type or null
 * @param payloadValue   payload value or null
 * @param enabled        whether a variant was chosen
 * @param featureEnabled whether the flag was enabled for the context
 */
public record EvaluatedVariant(String name, String payloadType, String payloadValue, boolean enabled,
                               boolean featureEnabled) {
    /** Name of the answer when no variant applies. */
    public static final String DISABLED = "disabled";
    static final EvaluatedVariant DISABLED_OFF = new EvaluatedVariant(DISABLED, null, null, false, false);
    static final EvaluatedVariant DISABLED_ON = new EvaluatedVariant(DISABLED, null, null, false, true);
}
