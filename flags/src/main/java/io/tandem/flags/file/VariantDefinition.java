package io.tandem.flags.file;

/**
 * A strategy variant.
 *
 * @param name   variant name
 * @param weight share out of 1000
 */
public record VariantDefinition(String name, int weight) {
}
