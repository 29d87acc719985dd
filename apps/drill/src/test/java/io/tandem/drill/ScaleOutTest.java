package io.tandem.drill;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ScaleOutTest {
    @Test
    void readsTheNodeIdOutOfAnOrderNumbersText() {
        // time 123456789 ms, cluster a, node 77, sequence 42: (t << 22 | 0 << 20 | 77 << 13 | 42) in base 32
        assertThat(ScaleOut.node("000EPYD2MK81A-A"), is(77));
        assertThat(ScaleOut.node("000epyd2mk81a-A"), is(77));
        // node 1 of cluster c (the order README's example number)
        assertThat(ScaleOut.node("06YQKW4RA0800-A"), is(1));
    }
}
