package io.lvsfeedback.bridge.http;

import io.lvsfeedback.testfixtures.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status page in a real browser (headless chromium): a bridge endpoint on loopback, fed by a
 * real engine over an in-memory IPVS table with destinations ready, drained, overridden and
 * silent. Keeps {@code target/screenshots/status-page.png}. One browser and one bridge for all the
 * tests (a chromium start costs seconds); each test's assertions hold whatever the others did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserTest {
    static final String WEB = "tcp:10.0.0.10:80";
    static final String API = "tcp:10.0.0.10:8443";
    static final Path SCREENSHOT = Path.of("target/screenshots/status-page.png");

    StatusFixture f;
    HttpEndpoint http;
    ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        FakeIpvsTable table = new FakeIpvsTable().service(WEB, "wlc").service(API, "rr");
        for (int i = 1; i <= 5; i++) {
            table.dest(WEB, "127.0.0.1" + i + ":80", i == 3 ? 50 : 100);
        }
        table.dest(API, "127.0.0.11:8443", 10).dest(API, "127.0.0.12:8443", 10);
        f = new StatusFixture(table);
        f.reports.put("127.0.0.11:3333", report(AdminState.READY, 420, 0.55));
        f.reports.put("127.0.0.12:3333", report(AdminState.READY, 380, 0.61));
        f.reports.put("127.0.0.13:3333", report(AdminState.READY, 150, 0.83));
        f.reports.put("127.0.0.14:3333", report(AdminState.READY, 300, 0.40));
        // nine simulated minutes (two cycles a second): a slow spell on .12, a rolling deployment
        // on .13 (drained twice), an operator's override on .14, more capacity on .11
        minutes(1.5);
        f.reports.put("127.0.0.12:3333", report(AdminState.READY, 190, 0.97));
        minutes(1.5);
        f.reports.put("127.0.0.13:3333", drain());
        minutes(1);
        f.reports.put("127.0.0.12:3333", report(AdminState.READY, 380, 0.60));
        minutes(1);
        f.dest(WEB, "127.0.0.14:80").setOverride(30);
        f.reports.put("127.0.0.13:3333", report(AdminState.READY, 160, 0.80));
        minutes(1.5);
        f.reports.put("127.0.0.11:3333", report(AdminState.READY, 560, 0.45));
        minutes(1);
        f.reports.put("127.0.0.13:3333", drain());
        minutes(1.5);
        http = f.monitoring.serve("127.0.0.1", 0);
        browser = HeadlessChromium.start(1500, 1000);
    }

    void minutes(double m) {
        f.cycles((int) Math.round(m * 60_000 / StatusFixture.POLL_MILLIS));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.close();
        }
        f.close();
    }

    static FeedbackReport drain() {
        return FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).reason("deploying 2.4.1")
                .ports(List.of(80, 8443)).build();
    }

    static FeedbackReport report(AdminState state, double capacity, double util) {
        return FeedbackReport.builder().state(state).signal("capacity", capacity).signal("util", util)
                .ports(List.of(80, 8443)).source("requests:micrometer,pool:jetty").build();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.port() + path;
    }

    WebElement row(String service, String destination) {
        return browser.findElement(By.xpath("//h2[@data-service='" + service + "']/following-sibling::table[1]"
                + "//tr[@data-destination='" + destination + "']"));
    }

    @Test
    void showsEveryDestinationWithItsWeightReasonAndChart() throws Exception {
        browser.get(url("/?refresh=0"));

        for (var s : f.engine.services()) {
            for (DestinationState d : s.destinations()) {
                WebElement row = row(s.key().toString(), d.key().toString());
                assertThat(row.findElement(By.cssSelector("td.applied")).getText()).isEqualTo(Integer.toString(d.kernelWeight()));
                assertThat(row.findElement(By.cssSelector("td.reason")).getText()).startsWith(d.lastDecision().reason());
                WebElement chart = row.findElement(By.cssSelector("svg.history"));
                assertThat(chart.getSize()).isEqualTo(new Dimension(HistoryChart.WIDTH, HistoryChart.HEIGHT));
                assertThat(chart.findElements(By.cssSelector("path.weight"))).hasSize(1);
                assertThat(chart.findElements(By.cssSelector("rect.state"))).isNotEmpty();
            }
        }
        WebElement drained = row(WEB, "127.0.0.13:80");
        assertThat(drained.findElement(By.cssSelector("td.state")).getText()).isEqualTo("drain (deploying 2.4.1)");
        assertThat(drained.findElement(By.cssSelector("td.applied")).getText()).isEqualTo("0");
        assertThat(drained.findElements(By.cssSelector("svg line.mark.drain"))).hasSize(2);
        assertThat(drained.findElements(By.cssSelector("svg rect.state.drain"))).hasSize(2);
        WebElement overridden = row(WEB, "127.0.0.14:80");
        assertThat(overridden.findElement(By.cssSelector("td.applied")).getText()).isEqualTo("30");
        assertThat(overridden.getText()).contains("override 30");
        assertThat(overridden.findElements(By.cssSelector("svg line.mark.override"))).hasSize(1);
        WebElement silent = row(WEB, "127.0.0.15:80");
        assertThat(silent.findElement(By.cssSelector("td.state")).getText()).isEqualTo("unknown");
        assertThat(silent.getText()).contains("Connection refused");
        assertThat(row(WEB, "127.0.0.11:80").findElement(By.cssSelector("td.src")).getText())
                .isEqualTo("requests:micrometer,pool:jetty");
        // the weight line is drawn with a real length, not an empty path
        Number length = (Number) browser.executeScript(
                "return arguments[0].getTotalLength();", row(WEB, "127.0.0.11:80").findElement(By.cssSelector("path.weight")));
        assertThat(length.doubleValue()).isGreaterThan(100);
        Path shot = HeadlessChromium.screenshot(browser, SCREENSHOT);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    @Test
    void reloadsItself() {
        browser.get(url("/"));
        // the page reloads itself: a new capacity -> a new weight, shown without any action of ours
        String before = Integer.toString(f.dest(WEB, "127.0.0.11:80").kernelWeight());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> row(WEB, "127.0.0.11:80").findElement(By.cssSelector("td.applied")).getText().equals(before));
        f.reports.put("127.0.0.11:3333", report(AdminState.READY, 900, 0.30));
        f.cycles(6);
        String after = Integer.toString(f.dest(WEB, "127.0.0.11:80").kernelWeight());
        assertThat(after).isNotEqualTo(before);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> row(WEB, "127.0.0.11:80").findElement(By.cssSelector("td.applied")).getText().equals(after));
    }

    @Test
    void jsonEndpointParsesInTheBrowserAndAgreesWithThePage() throws Exception {
        browser.get(url("/status.json?service=" + WEB.replace(":", "%3A") + "&history=true"));
        String text = browser.findElement(By.tagName("body")).getText();
        Object parsedByBrowser = browser.executeScript("return JSON.parse(document.body.innerText).destinations;");
        assertThat(((Number) parsedByBrowser).intValue()).isEqualTo(5);

        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("services")).hasSize(1);
        JsonNode members = json.get("services").get(0).get("members");
        assertThat(members).hasSize(5);
        JsonNode drained = members.get(2);
        assertThat(drained.get("destination").asText()).isEqualTo("127.0.0.13:80");
        assertThat(drained.get("state").asText()).isEqualTo("drain");
        assertThat(drained.get("appliedWeight").asInt()).isZero();
        assertThat(drained.get("cause").asText()).isEqualTo("agent_zero");
        assertThat(drained.get("history").size()).isGreaterThan(40);
        assertThat(members.get(3).get("override").asInt()).isEqualTo(30);
        assertThat(members.get(0).get("source").asText()).isEqualTo("requests:micrometer,pool:jetty");
    }

    @Test
    void pagesThroughManyDestinationsWithLinks() {
        browser.get(url("/?limit=3&refresh=0"));
        assertThat(browser.findElement(By.cssSelector("p.pager")).getText()).contains("destinations 1-3 of 7");
        assertThat(browser.findElements(By.cssSelector("tr[data-destination]"))).hasSize(3);
        browser.findElement(By.linkText("next »")).click();
        assertThat(browser.findElement(By.cssSelector("p.pager")).getText()).contains("destinations 4-6 of 7");
        assertThat(browser.findElements(By.cssSelector("h2")).get(0).getText()).startsWith(WEB + " (continued)");
        browser.findElement(By.linkText("3")).click();
        assertThat(browser.findElements(By.cssSelector("tr[data-destination]"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("h2")).getText()).startsWith(API);
    }
}
