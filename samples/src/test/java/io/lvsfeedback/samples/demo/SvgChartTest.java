package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void gapInTheDataBreaksTheLineAndLabelsAreEscaped() {
        String svg = new SvgChart("weights <kernel>", "w", 10, 100)
                .add(new SvgChart.Series("rs1", "#000", new double[] {0, 5, 6, 10}, new double[] {0, 50, Double.NaN, 100}))
                .mark(new SvgChart.Marker(5, "drain & resume"))
                .render();
        assertThat(svg).startsWith("<svg").contains("weights &lt;kernel&gt;").contains("drain &amp; resume");
        assertThat(svg.split("<polyline", -1)).hasSize(3); // two segments
        assertThat(svg).as("self-contained").doesNotContain("href", "<image", "url(");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"110, 120", "100, 100", "0.7, 0.8", "37, 40", "2.2, 2.4", "420, 500"})
    void axisMaximumIsRounded(double value, double expected) {
        assertThat(SvgChart.niceCeiling(value)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
}
