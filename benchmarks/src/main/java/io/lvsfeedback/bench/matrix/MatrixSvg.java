package io.lvsfeedback.bench.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One workload over time, as SVG: the kernel's weights of rs1..rs3 (top) and the latency of the
 * requests scheduled in each 2 s (p50 and max, log scale, bottom), with every phase's measured
 * window shaded and named, and the harness's steps and pauses as vertical lines.
 */
final class MatrixSvg {
    private static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c"};
    private static final int W = 1400;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP1 = 64;
    private static final int H1 = 150;
    private static final int TOP2 = 244;
    private static final int H2 = 196;
    private static final int H = 480;

    private MatrixSvg() {
    }

    record Bucket(long ms, double p50, double max) {
    }

    static String render(String title, List<MatrixData.Phase> phases, List<MatrixData.Sample> samples,
                         List<MatrixData.Event> events, List<Bucket> latency, double timeoutMs) {
        long t0 = phases.stream().mapToLong(MatrixData.Phase::leadFrom).min().orElse(0) - 2000;
        long t1 = Math.max(phases.stream().mapToLong(MatrixData.Phase::to).max().orElse(t0 + 1000),
                samples.isEmpty() ? 0 : samples.get(samples.size() - 1).ms()) + 2000;
        double span = Math.max(1, t1 - t0);
        int maxW = 1;
        for (MatrixData.Sample s : samples) {
            for (int w : s.weights()) {
                maxW = Math.max(maxW, w);
            }
        }
        double lo = 10;
        double hi = Math.max(1000, timeoutMs);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n", W, H));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\">").append(esc(title)).append("</text>\n");
        int plotW = W - LEFT - RIGHT;
        // measured windows
        for (MatrixData.Phase p : phases) {
            double x0 = LEFT + plotW * (p.from() - t0) / span;
            double x1 = LEFT + plotW * (p.to() - t0) / span;
            String fill = p.lvsfb() ? "#fff2cc" : p.contender().endsWith("oracle") ? "#e2f0d9" : "#eeeeee";
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                    x0, TOP1, Math.max(0.5, x1 - x0), TOP2 + H2 - TOP1, fill));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" transform=\"rotate(-30 %.1f %d)\">%s r%d</text>\n",
                    x0 + 2, TOP1 - 3, x0 + 2, TOP1 - 3, esc(p.contender()), p.round()));
        }
        // events
        for (MatrixData.Event e : events) {
            String color = switch (e.what()) {
                case "step-up" -> "#d62728";
                case "step-down" -> "#2ca02c";
                case "pause" -> "#9467bd";
                default -> null;
            };
            if (color == null || e.ms() < t0 || e.ms() > t1) {
                continue;
            }
            double x = LEFT + plotW * (e.ms() - t0) / span;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"3,2\"/>\n",
                    x, x, TOP1, TOP2 + H2, color));
        }
        // axes
        axes(b, TOP1, H1, "weight (kernel)");
        axes(b, TOP2, H2, "latency ms (log)");
        for (int i = 0; i <= 4; i++) {
            int w = maxW * i / 4;
            double y = TOP1 + H1 - (double) H1 * w / maxW;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", LEFT - 4, y + 4, w));
        }
        for (double v = lo; v <= hi * 1.001; v *= 10) {
            double y = yLog(v, lo, hi);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#cccccc\"/>\n", LEFT, W - RIGHT, y, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 4, y + 4,
                    v >= 1000 ? String.format(Locale.ROOT, "%.0fs", v / 1000) : String.format(Locale.ROOT, "%.0f", v)));
        }
        // weights
        for (int srv = 0; srv < 3; srv++) {
            List<String> pts = new ArrayList<>();
            double lastY = Double.NaN;
            for (MatrixData.Sample s : samples) {
                if (s.weight(srv) < 0 || s.ms() < t0 || s.ms() > t1) {
                    continue;
                }
                double x = LEFT + plotW * (s.ms() - t0) / span;
                double y = TOP1 + H1 - (double) H1 * s.weight(srv) / maxW;
                if (!Double.isNaN(lastY)) {
                    pts.add(String.format(Locale.ROOT, "%.1f,%.1f", x, lastY));
                }
                pts.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                lastY = y;
            }
            b.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(COLORS[srv]).append("\" points=\"")
                    .append(String.join(" ", pts)).append("\"/>\n");
        }
        // latency
        StringBuilder p50 = new StringBuilder();
        for (Bucket k : latency) {
            double x = LEFT + plotW * (k.ms() - t0) / span;
            p50.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yLog(k.p50(), lo, hi)));
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" fill=\"#444444\"/>\n", x, yLog(k.max(), lo, hi)));
        }
        b.append("<polyline fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"1\" points=\"").append(p50.toString().trim()).append("\"/>\n");
        // legend
        int lx = LEFT;
        int ly = H - 12;
        for (int srv = 0; srv < 3; srv++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">rs%d weight</text>\n",
                    lx, ly - 4, COLORS[srv], lx + 16, ly, srv + 1));
            lx += 90;
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"#ff7f0e\"/><text x=\"%d\" y=\"%d\">p50 per 2 s</text>\n", lx, ly - 4, lx + 16, ly));
        lx += 100;
        b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2\" fill=\"#444444\"/><text x=\"%d\" y=\"%d\">max per 2 s</text>\n", lx + 6, ly - 3, lx + 16, ly));
        lx += 100;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">shaded: measured part (grey equal, green oracle, yellow lvs-feedback); dashed: step up (red), back (green), 200 ms pause (purple); time span %.0f s</text>\n",
                lx, ly, span / 1000));
        b.append("</svg>\n");
        return b.toString();
    }

    private static void axes(StringBuilder b, int top, int h, String label) {
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, W - RIGHT, top + h, top + h));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, LEFT, top, top + h));
        b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>\n",
                top + h / 2, top + h / 2, label));
    }

    private static double yLog(double v, double lo, double hi) {
        double c = Math.max(lo, Math.min(hi, v));
        return TOP2 + H2 - H2 * (Math.log10(c) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
