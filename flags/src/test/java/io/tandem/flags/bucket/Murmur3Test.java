package io.tandem.flags.bucket;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class Murmur3Test {

    @Test
    void publishedVectors() {
        assertThat(Murmur3.hash32("", 0), is(0));
        assertThat(Murmur3.hash32("", 1), is(0x514E28B7));
        assertThat(Murmur3.hash32("", 0xffffffff), is(0x81F16F39));
        assertThat(Murmur3.hash32("test", 0), is(0xba6bd213));
        assertThat(Murmur3.hash32("Hello, world!", 0x9747b28c), is(0x24884CBA));
        assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0x9747b28c), is(0x2FA826CD));
        assertThat(Murmur3.hash32("aaaa", 0x9747b28c), is(0x5A97808A));
        assertThat(Murmur3.hash32("abc", 0), is(0xB3DD93FA));
    }

    @Test
    void streamingEncoderEqualsHashOfUtf8Bytes() {
        Random random = new Random(42);
        char[] alphabet = "aZ09:-_é€\uD83D\uDE00\uD83D\uDE01ßø中\uD800\uDC00\uDBFF".toCharArray();
        for (int n = 0; n < 5_000; n++) {
            String left = randomString(random, alphabet);
            String right = randomString(random, alphabet);
            int seed = random.nextInt();
            byte[] bytes = (left + ":" + right).getBytes(StandardCharsets.UTF_8);
            assertThat(left + ":" + right, Murmur3.hash32(left, ':', right, seed), is(Murmur3.hash32(bytes, seed)));
        }
    }

    private static String randomString(Random random, char[] alphabet) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }
}
