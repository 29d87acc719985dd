package io.tandem.drill;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** Requests per second per cluster over time, as a PNG (java.awt, headless). */
final class Chart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private Chart() {
    }

    /**
     * @param samples    the requests
     * @param phaseStart phase name to its start (epoch millis), in order
     */
    static void draw(List<Recorder.Sample> samples, List<Map.Entry<String, Long>> phaseStart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        long t0 = phaseStart.isEmpty() ? samples.stream().mapToLong(Recorder.Sample::atMillis).min().orElse(0)
                : phaseStart.get(0).getValue();
        int seconds = (int) Math.max(1, (samples.stream().mapToLong(Recorder.Sample::atMillis).max().orElse(t0) - t0) / 1000 + 1);
        int[] a = new int[seconds];
        int[] b = new int[seconds];
        for (Recorder.Sample s : samples) {
            int sec = (int) ((s.atMillis() - t0) / 1000);
            if (sec < 0 || sec >= seconds) {
                continue;
            }
            if (s.cluster() == 'a') {
                a[sec]++;
            } else if (s.cluster() == 'b') {
                b[sec]++;
            }
        }
        int max = 1;
        for (int i = 0; i < seconds; i++) {
            max = Math.max(max, Math.max(a[i], b[i]));
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Requests per second per cluster (client side, by session key)", LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int i = 0; i <= 4; i++) {
            int y = TOP + plotH - plotH * i / 4;
            g.drawString(String.valueOf(max * i / 4), 8, y + 4);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
            g.setColor(Color.DARK_GRAY);
        }
        g.drawString("0 s", LEFT, HEIGHT - 30);
        g.drawString(seconds + " s", LEFT + plotW - 30, HEIGHT - 30);
        for (var phase : phaseStart) {
            int x = LEFT + (int) ((phase.getValue() - t0) / 1000.0 / seconds * plotW);
            g.setColor(new Color(180, 180, 180));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(phase.getKey(), x + 3, TOP + 12);
        }
        line(g, a, max, plotW, plotH, new Color(31, 119, 180));
        line(g, b, max, plotW, plotH, new Color(214, 39, 40));
        g.setColor(new Color(31, 119, 180));
        g.drawString("cluster A", LEFT, HEIGHT - 10);
        g.setColor(new Color(214, 39, 40));
        g.drawString("cluster B", LEFT + 80, HEIGHT - 10);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void line(Graphics2D g, int[] values, int max, int plotW, int plotH, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int n = values.length;
        for (int i = 1; i < n; i++) {
            int x1 = LEFT + (int) ((i - 1 + 0.5) / n * plotW);
            int x2 = LEFT + (int) ((i + 0.5) / n * plotW);
            g.drawLine(x1, TOP + plotH - values[i - 1] * plotH / max, x2, TOP + plotH - values[i] * plotH / max);
        }
        g.setStroke(new BasicStroke(1f));
    }
}
