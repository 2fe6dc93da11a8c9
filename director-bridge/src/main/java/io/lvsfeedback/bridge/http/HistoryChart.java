package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.history.DestinationHistory;
import io.lvsfeedback.bridge.history.HistoryPoint;
import io.lvsfeedback.bridge.history.Mark;
import io.lvsfeedback.bridge.history.PointState;
import java.util.List;
import java.util.Locale;

/**
 * A destination's last minutes as a small inline SVG (no script, nothing fetched): the kernel
 * weight as a solid step line, the agent's capacity dashed (each on its own scale, from 0), the
 * agent's state as a colour band underneath, and a vertical line at each drain, override, quiesce,
 * stale or freeze. The time axis is the history's whole window, ending now.
 */
final class HistoryChart {
    static final int WIDTH = 240;
    static final int HEIGHT = 46;
    private static final int TOP = 3;
    private static final int LINE_BOTTOM = 36;
    private static final int BAND_TOP = 40;
    private static final double HEADROOM = 1.15;

    private HistoryChart() {}

    /**
     * @param gapMillis points further apart than this are not joined (the bridge could not read the table)
     */
    static String svg(List<HistoryPoint> points, long now, long gapMillis) {
        StringBuilder s = new StringBuilder(2048);
        s.append("<svg class=\"history\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\"><title>").append(title(points)).append("</title>")
                .append("<rect class=\"frame\" x=\"0.5\" y=\"0.5\" width=\"").append(WIDTH - 1).append("\" height=\"")
                .append(HEIGHT - 1).append("\"/>");
        if (points.isEmpty()) {
            s.append("<text class=\"nodata\" x=\"8\" y=\"26\">no data yet</text></svg>");
            return s.toString();
        }
        band(s, points, now, gapMillis);
        // 15 % headroom: a line at its maximum stays visible below the frame
        double maxWeight = HEADROOM * Math.max(1, points.stream().mapToInt(HistoryPoint::weight).max().orElse(1));
        double maxCapacity = points.stream().mapToDouble(HistoryPoint::capacity).filter(c -> !Double.isNaN(c))
                .max().orElse(Double.NaN);
        if (!Double.isNaN(maxCapacity) && maxCapacity > 0) {
            s.append("<path class=\"capacity\" d=\"");
            line(s, points, now, gapMillis, p -> p.capacity() / (HEADROOM * maxCapacity));
            s.append("\"/>");
        }
        s.append("<path class=\"weight\" d=\"");
        line(s, points, now, gapMillis, p -> p.weight() / maxWeight);
        s.append("\"/>");
        for (HistoryPoint p : points) {
            for (Mark m : p.marks()) {
                String x = fmt(x(p.atMillis(), now));
                s.append("<line class=\"mark ").append(m.word()).append("\" x1=\"").append(x).append("\" x2=\"").append(x)
                        .append("\" y1=\"0\" y2=\"").append(HEIGHT).append("\"><title>").append(m.word())
                        .append(' ').append(ago(now - p.atMillis())).append("</title></line>");
            }
        }
        return s.append("</svg>").toString();
    }

    /** The tooltip: the scales, since the chart has no axes. */
    private static String title(List<HistoryPoint> points) {
        if (points.isEmpty()) {
            return "no data yet";
        }
        int minW = points.stream().mapToInt(HistoryPoint::weight).min().orElse(0);
        int maxW = points.stream().mapToInt(HistoryPoint::weight).max().orElse(0);
        StringBuilder t = new StringBuilder("last ").append(DestinationHistory.WINDOW_MILLIS / 60_000)
                .append(" min: weight ").append(minW).append('-').append(maxW);
        double minC = points.stream().mapToDouble(HistoryPoint::capacity).filter(c -> !Double.isNaN(c)).min().orElse(Double.NaN);
        double maxC = points.stream().mapToDouble(HistoryPoint::capacity).filter(c -> !Double.isNaN(c)).max().orElse(Double.NaN);
        if (!Double.isNaN(maxC)) {
            t.append(", capacity ").append(Math.round(minC)).append('-').append(Math.round(maxC)).append("/s (dashed)");
        }
        return t.toString();
    }

    /** The state band: one rectangle per run of equal states. */
    private static void band(StringBuilder s, List<HistoryPoint> points, long now, long gapMillis) {
        int runStart = 0;
        for (int i = 1; i <= points.size(); i++) {
            boolean runEnds = i == points.size() || points.get(i).state() != points.get(runStart).state()
                    || points.get(i).atMillis() - points.get(i - 1).atMillis() > gapMillis;
            if (runEnds) {
                double x0 = x(points.get(runStart).atMillis() - DestinationHistory.SLOT_MILLIS, now);
                double x1 = x(points.get(i - 1).atMillis(), now);
                PointState st = points.get(runStart).state();
                s.append("<rect class=\"state ").append(st.word()).append("\" x=\"").append(fmt(x0)).append("\" y=\"")
                        .append(BAND_TOP).append("\" width=\"").append(fmt(Math.max(1, x1 - x0))).append("\" height=\"")
                        .append(HEIGHT - BAND_TOP - 1).append("\"><title>").append(st.word()).append("</title></rect>");
                runStart = i;
            }
        }
    }

    /** A step line through the points' values (0..1 of the plot's height); NaN and gaps break it. */
    private static void line(StringBuilder s, List<HistoryPoint> points, long now, long gapMillis,
                             java.util.function.ToDoubleFunction<HistoryPoint> value) {
        boolean open = false;
        long prevAt = 0;
        for (HistoryPoint p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isNaN(v)) {
                open = false;
                continue;
            }
            double x = x(p.atMillis(), now);
            double y = LINE_BOTTOM - v * (LINE_BOTTOM - TOP);
            if (!open || p.atMillis() - prevAt > gapMillis) {
                s.append('M').append(fmt(x(p.atMillis() - DestinationHistory.SLOT_MILLIS, now))).append(' ').append(fmt(y));
            } else {
                s.append('V').append(fmt(y)); // the previous value held until the previous sample
            }
            s.append('H').append(fmt(x));
            open = true;
            prevAt = p.atMillis();
        }
    }

    private static double x(long at, long now) {
        double fromStart = DestinationHistory.WINDOW_MILLIS - (now - at);
        return Math.max(0, Math.min(WIDTH, fromStart * WIDTH / DestinationHistory.WINDOW_MILLIS));
    }

    private static String ago(long millis) {
        return millis < 60_000 ? (millis / 1000) + " s ago" : String.format(Locale.ROOT, "%.1f min ago", millis / 60_000.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
