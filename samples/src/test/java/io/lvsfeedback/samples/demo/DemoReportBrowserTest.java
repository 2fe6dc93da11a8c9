package io.lvsfeedback.samples.demo;

import io.lvsfeedback.testfixtures.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo's HTML report of a real run (docs/demo-report.html, written by {@link HtmlReport}) in
 * headless chromium: its checks table and its charts render. Keeps target/screenshots/demo-report.png.
 */
class DemoReportBrowserTest {
    static final Path REPORT = Path.of("../docs/demo-report.html").toAbsolutePath().normalize();
    static final Path SCREENSHOT = Path.of("target/screenshots/demo-report.png");
    ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void checksTableAndChartsRender() throws Exception {
        assertThat(REPORT).isRegularFile();
        browser = HeadlessChromium.start(1280, 1000);
        browser.get(REPORT.toUri().toString());

        WebElement checks = browser.findElement(By.xpath("//h2[text()='Checks']/following-sibling::table[1]"));
        List<WebElement> rows = checks.findElements(By.xpath(".//tr[td]"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
        for (WebElement row : rows) {
            WebElement result = row.findElements(By.tagName("td")).get(1);
            assertThat(result.getText()).as(row.getText()).isEqualTo("pass");
            assertThat(result.getCssValue("color")).isEqualTo("rgba(26, 127, 55, 1)"); // .pass green, the style applied
        }

        List<WebElement> charts = browser.findElements(By.cssSelector("svg[role=img]"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(4);
        for (WebElement chart : charts) {
            assertThat(chart.getSize().getWidth()).as(chart.getAttribute("aria-label")).isGreaterThan(600);
            assertThat(chart.getSize().getHeight()).isGreaterThan(100);
            List<WebElement> lines = chart.findElements(By.tagName("polyline"));
            assertThat(lines).as(chart.getAttribute("aria-label")).hasSizeGreaterThanOrEqualTo(3);
            for (WebElement line : lines) {
                Number length = (Number) browser.executeScript("return arguments[0].getTotalLength();", line);
                assertThat(length.doubleValue()).isGreaterThan(200); // a drawn series, not a dot
            }
        }

        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 200, 6000)));
        Path shot = HeadlessChromium.screenshot(browser, SCREENSHOT);
        assertThat(Files.size(shot)).isGreaterThan(50_000);
    }
}
