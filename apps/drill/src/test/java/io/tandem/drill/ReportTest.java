package io.tandem.drill;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class ReportTest {
    @Test
    void tableCountsSessionsOrdersFailuresAndShares() {
        Recorder r = new Recorder();
        r.phase("b25");
        r.session(new Recorder.SessionEnd("b25", "bn", 'a', "u1", "1", "CONFIRMED", null, 0));
        r.session(new Recorder.SessionEnd("b25", "bn", 'a', "u2", "2", "FAILED", null, 0));
        r.session(new Recorder.SessionEnd("b25", "bn", 'a', "u3", null, null, "cart HTTP_503", 0));
        r.session(new Recorder.SessionEnd("b25", "bn", 'b', "u4", "4", "CONFIRMED", null, 0));
        for (int i = 1; i <= 100; i++) {
            r.sample("b25", "place", 'a', 202, i * 1000L);
        }
        List<String> lines = PhaseTable.render(List.of(Map.entry("b25", 25)), r);
        assertThat(lines.size(), is(2));
        String row = lines.get(1);
        assertThat(row, containsString("b25"));
        assertThat(row.replaceAll("\\s+", " "), containsString("b25 25 4 3 2 1"));
        assertThat(row, containsString("50/99"));
        assertThat(row, containsString("75%/25%"));
    }

    @Test
    void mixIsMostlyBuyNow() {
        assertThat(CheckoutSession.pickKind(0.0), is("bn"));
        assertThat(CheckoutSession.pickKind(0.85), is("bn+address-read"));
        assertThat(CheckoutSession.pickKind(0.9), is("atc"));
        assertThat(CheckoutSession.pickKind(0.99), is("address-write+bn"));
    }

    @Test
    void shortDrillGoesUpToAllOnBAndBackWithinTwoMinutesOfLoad() {
        List<Drill.Phase> phases = Drill.phases(true);
        assertThat(phases.stream().map(Drill.Phase::percentB).toList(), is(List.of(0, 1, 5, 25, 100, 0)));
        long seconds = phases.stream().mapToLong(p -> p.duration().toSeconds()).sum();
        assertThat(seconds < 90, is(true));
        assertThat(Drill.phases(false).stream().map(Drill.Phase::percentB).toList(), is(List.of(0, 1, 5, 25, 100, 25, 5, 1, 0)));
    }

    @Test
    void chartIsAPngWithBothClustersDrawn(@TempDir Path dir) throws Exception {
        Recorder r = new Recorder();
        for (int i = 0; i < 50; i++) {
            r.sample("p", "cart", 'a', 201, 1000);
            r.sample("p", "cart", 'b', 201, 1000);
        }
        Path png = dir.resolve("c.png");
        Chart.draw(r.samples(), List.of(Map.entry("p", System.currentTimeMillis() - 2000)), png);
        BufferedImage img = ImageIO.read(Files.newInputStream(png));
        assertThat(img.getWidth(), is(Chart.WIDTH));
        boolean red = false;
        boolean blue = false;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                red |= rgb == 0xd62728;
                blue |= rgb == 0x1f77b4;
            }
        }
        assertThat(red && blue, is(true));
    }
}
