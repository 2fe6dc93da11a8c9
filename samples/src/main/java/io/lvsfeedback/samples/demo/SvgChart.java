package io.lvsfeedback.samples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A line chart as inline SVG: series over time, with labelled vertical markers. No external assets. */
public final class SvgChart {

    /** One line; NaN values break it. */
    public record Series(String name, String color, double[] x, double[] y) {
    }

    /** A labelled moment, e.g. "slow rs2". */
    public record Marker(double x, String label) {
    }

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 280;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private final String title;
    private final String yLabel;
    private final double xMax;
    private final double yMax;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    public SvgChart(String title, String yLabel, double xMax, double yMax) {
        this.title = title;
        this.yLabel = yLabel;
        this.xMax = xMax <= 0 ? 1 : xMax;
        this.yMax = niceCeiling(yMax <= 0 ? 1 : yMax);
    }

    public SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    public SvgChart mark(Marker m) {
        markers.add(m);
        return this;
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"100%%\" style=\"max-width:%dpx\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HtmlText.escape(title)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>%n", LEFT, HtmlText.escape(title)));
        axes(b);
        for (Marker m : markers) {
            double x = px(m.x());
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"marker\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"mlabel\">%s</text>%n",
                    x, TOP, x, HEIGHT - BOTTOM, x + 3, TOP + 12, HtmlText.escape(m.label())));
        }
        for (Series s : series) {
            for (String points : segments(s)) {
                b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                        s.color(), points));
            }
        }
        legend(b);
        b.append("</svg>\n");
        return b.toString();
    }

    private void axes(StringBuilder b) {
        int plotBottom = HEIGHT - BOTTOM;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, plotBottom - TOP));
        double xStep = xMax > 150 ? 20 : 10;
        for (double x = 0; x <= xMax + 1e-9; x += xStep) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%.0f</text>%n",
                    px(x), TOP, px(x), plotBottom, px(x), plotBottom + 16, x));
        }
        for (int i = 0; i <= 4; i++) {
            double y = yMax * i / 4;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>%n",
                    LEFT, py(y), WIDTH - RIGHT, py(y), LEFT - 6, py(y) + 4, format(y)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">seconds</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6));
        b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"tick\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, HtmlText.escape(yLabel)));
    }

    private void legend(StringBuilder b) {
        int x = WIDTH - RIGHT - 90 * series.size();
        for (Series s : series) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"15\" class=\"tick\">%s</text>%n", x, s.color(), x + 18, HtmlText.escape(s.name())));
            x += 90;
        }
    }

    private List<String> segments(Series s) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isNaN(s.y()[i]) || Double.isNaN(s.x()[i])) {
                flush(out, current);
                continue;
            }
            current.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.x()[i]), py(Math.min(s.y()[i], yMax))));
        }
        flush(out, current);
        return out;
    }

    private static void flush(List<String> out, StringBuilder current) {
        if (current.length() > 0) {
            out.add(current.toString().trim());
            current.setLength(0);
        }
    }

    private double px(double x) {
        return LEFT + (WIDTH - LEFT - RIGHT) * x / xMax;
    }

    private double py(double y) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * y / yMax;
    }

    /** The smallest "round" number (a power of ten times 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6 or 8) at least {@code v}: quarters of it are round too. */
    static double niceCeiling(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= v - 1e-9) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
