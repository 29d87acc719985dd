package io.tandem.flags.file;

import java.util.List;

/**
 * A strategy constraint, e.g. {@code userId IN [u1, u2]}.
 *
 * @param contextName context field
 * @param operator    {@code IN} or {@code NOT_IN}
 * @param values      at least one value (Unleash refuses an empty list)
 */
public record ConstraintDefinition(String contextName, String operator, List<String> values) {
    public ConstraintDefinition {
        values = List.copyOf(values);
    }
}
