package io.lvsfeedback.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.bridge.json.StrictJson;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page and /status.json with 5,000 destinations in 40 services: paged, grouped, filtered. */
class StatusPageTest {
    static final int SERVICES = 40;
    static final int PER_SERVICE = 125;
    static StatusFixture f;

    @BeforeAll
    static void manyDestinations() {
        FakeIpvsTable table = new FakeIpvsTable();
        for (int s = 0; s < SERVICES; s++) {
            String service = "tcp:10.1.0." + s + ":80";
            table.service(service, "wlc");
            for (int d = 0; d < PER_SERVICE; d++) {
                table.dest(service, "10.2." + s + "." + d + ":80", 100);
            }
        }
        f = new StatusFixture(table);
        for (int s = 0; s < SERVICES; s++) {
            for (int d = 0; d < PER_SERVICE; d += 2) {
                f.reports.put("10.2." + s + "." + d + ":3333", StatusFixture.ready(100 + d, 0.5));
            }
        }
        f.cycles(3);
    }

    @AfterAll
    static void close() {
        f.close();
    }

    static int rows(String html) {
        return count(html, "<tr data-destination=");
    }

    static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void firstPageShowsTheDefaultLimitGroupedByServiceWithAPager() {
        String html = f.page().render();
        assertThat(rows(html)).isEqualTo(StatusQuery.DEFAULT_LIMIT);
        assertThat(count(html, "<svg class=\"history\"")).isEqualTo(StatusQuery.DEFAULT_LIMIT);
        assertThat(html).contains("destinations 1-100 of 5000").contains("href=\"/?page=50\">50</a>")
                .contains("<h2 data-service=\"tcp:10.1.0.0:80\">tcp:10.1.0.0:80 <small>wlc &middot; 125 destination(s)")
                .doesNotContain("tcp:10.1.0.1:80");
    }

    @Test
    void aLaterPageContinuesAServiceAndStartsTheNext() {
        String html = f.page().render(StatusQuery.parse(Map.of("page", "2")));
        assertThat(rows(html)).isEqualTo(100);
        assertThat(html).contains("tcp:10.1.0.0:80 (continued)").contains("<h2 data-service=\"tcp:10.1.0.1:80\">tcp:10.1.0.1:80 <small>")
                .contains("data-destination=\"10.2.0.100:80\"").contains("data-destination=\"10.2.1.74:80\"")
                .doesNotContain("data-destination=\"10.2.1.75:80\"");
    }

    @Test
    void aPageBeyondTheLastShowsTheLast() {
        String html = f.page().render(StatusQuery.parse(Map.of("page", "999", "limit", "1000")));
        assertThat(rows(html)).isEqualTo(1000);
        assertThat(html).contains("destinations 4001-5000 of 5000").contains("data-destination=\"10.2.39.124:80\"");
    }

    @Test
    void oneServiceOnly() {
        String html = f.page().render(StatusQuery.parse(Map.of("service", "tcp:10.1.0.7:80", "limit", "1000")));
        assertThat(rows(html)).isEqualTo(PER_SERVICE);
        assertThat(html).doesNotContain("class=\"pager\"").contains("href=\"/\">all services</a>");
        assertThat(f.page().render(StatusQuery.parse(Map.of("service", "tcp:10.9.9.9:80"))))
                .contains("No managed service tcp:10.9.9.9:80.");
    }

    @Test
    void jsonPagesTheSameWayAndParses() throws Exception {
        JsonNode json = StrictJson.MAPPER.readTree(f.json().render(StatusQuery.parse(Map.of("page", "3", "limit", "250"))));
        assertThat(json.get("destinations").asInt()).isEqualTo(5000);
        assertThat(json.get("pages").asInt()).isEqualTo(20);
        int members = 0;
        for (JsonNode s : json.get("services")) {
            members += s.get("members").size();
            assertThat(s.get("destinations").asInt()).isEqualTo(PER_SERVICE);
        }
        assertThat(members).isEqualTo(250);
        JsonNode first = json.get("services").get(0).get("members").get(0);
        assertThat(first.get("destination").asText()).isEqualTo("10.2.4.0:80");
        assertThat(first.get("capacity").asDouble()).isEqualTo(100.0);
        assertThat(first.has("history")).isFalse();
        JsonNode silent = json.get("services").get(0).get("members").get(1);
        assertThat(silent.get("capacity").isNull()).isTrue();
        assertThat(silent.get("lastPollError").asText()).contains("Connection refused");
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> StatusQuery.parse(Map.of("page", "0"))).hasMessageContaining("'page'").hasMessageContaining("'0'");
        assertThatThrownBy(() -> StatusQuery.parse(Map.of("limit", "5000"))).hasMessageContaining("'limit'");
        assertThatThrownBy(() -> StatusQuery.parse(Map.of("limit", "x"))).hasMessageContaining("'limit'");
        assertThatThrownBy(() -> StatusQuery.parse(Map.of("history", "yes"))).hasMessageContaining("'history'");
        assertThatThrownBy(() -> StatusQuery.parse(Map.of("refresh", "-1"))).hasMessageContaining("'refresh'");
    }

    /** Whatever an agent says in its reason and source, the JSON parses and says it back, and so does the page. */
    @Property(tries = 100)
    void agentTextSurvivesTheJsonAndThePage(@ForAll String reason, @ForAll String source) throws Exception {
        FakeIpvsTable table = new FakeIpvsTable().service("tcp:10.0.0.1:80", "wlc").dest("tcp:10.0.0.1:80", "10.0.0.2:80", 10);
        try (StatusFixture one = new StatusFixture(table)) {
            FeedbackReport report = FeedbackReport.builder().state(AdminState.DRAIN).reason(reason).source(source).build();
            one.reports.put("10.0.0.2:3333", report);
            one.cycles(1);
            JsonNode m = StrictJson.MAPPER.readTree(one.json().render(StatusQuery.ALL)).get("services").get(0).get("members").get(0);
            assertThat(m.get("agentReason").asText()).isEqualTo(report.reason());
            assertThat(m.get("source").isNull() ? "" : m.get("source").asText()).isEqualTo(report.source());
            Matcher cell = Pattern.compile("<td class=\"src\">([^<]*)</td>").matcher(one.page().render());
            assertThat(cell.find()).isTrue();
            assertThat(unescape(cell.group(1))).isEqualTo(report.source());
        }
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
