package io.tandem.flags.bucket;

import io.tandem.flags.FlagContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class BucketsTest {

    @Test
    void unleashNormalisationExamples() {
        // The values unleash-client-node's own tests pin for normalizedValue(id, groupId).
        assertThat(Buckets.rolloutBucket("gr1", "123"), is(73));
        assertThat(Buckets.rolloutBucket("groupX", "999"), is(25));
    }

    @Test
    void bucketsStayInOneToHundredAndSpreadEvenly() {
        int inHalf = 0;
        for (int i = 0; i < 20_000; i++) {
            int bucket = Buckets.rolloutBucket("cluster_routing", "user-" + i);
            assertThat(bucket, allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(100)));
            if (Buckets.inRollout(50, "cluster_routing", "user-" + i)) {
                inHalf++;
            }
        }
        assertThat(inHalf, allOf(greaterThan(9_500), lessThan(10_500)));
        assertThat(Buckets.inRollout(0, "g", "anyone"), is(false));
        assertThat(Buckets.inRollout(100, "g", "anyone"), is(true));
    }

    @Test
    void variantsFollowWeightsAndOverridesWin() {
        WeightedVariants variants = WeightedVariants.of("cluster_routing", List.of(
                new WeightedVariants.VariantSpec("a", 700, "userId", List.of()),
                new WeightedVariants.VariantSpec("b", 300, "userId",
                        List.of(new WeightedVariants.VariantOverride("userId", List.of("vip-1", "vip-2"))))));
        int b = 0;
        for (int i = 0; i < 20_000; i++) {
            if ("b".equals(variants.selectForUser("u" + i))) {
                b++;
            }
        }
        assertThat(b, allOf(greaterThan(5_600), lessThan(6_400)));
        assertThat(variants.selectForUser("vip-2"), is("b"));
        assertThat(variants.select(new FlagContext(null, "s1", null, null, null)), greaterThanOrEqualTo(0));
        assertThat(WeightedVariants.of("g", List.of()).selectForUser("u"), is((String) null));
    }

    @Test
    void sameUserSameVariant() {
        WeightedVariants variants = WeightedVariants.of("g", List.of(
                WeightedVariants.VariantSpec.of("a", 500), WeightedVariants.VariantSpec.of("b", 500)));
        for (int i = 0; i < 100; i++) {
            assertThat(variants.selectForUser("user-" + i), is(variants.selectForUser("user-" + i)));
        }
    }
}
