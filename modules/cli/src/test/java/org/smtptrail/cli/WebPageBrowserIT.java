package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.Role;

/**
 * The web page of {@code serve} in a real browser: Debian's headless Chromium, driven through its chromedriver
 * (named explicitly, so Selenium never looks for one on the network). A support agent searches, reads the verdict
 * and its proof, opens a row's evidence and hops, sees the totals and downloads the CSV; markup in the logs stays
 * text; with a token the page asks for it first. Skipped when Chromium is not installed, unless
 * SMTPTRAIL_REQUIRE_CHROMIUM=1 (CI), which turns its absence into a failure.
 */
class WebPageBrowserIT {
  private static final String ADMIN = "browser-admin-0123456789";
  private static final String SUPPORT = "browser-support-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static ServedIndex served;
  private static ServedIndex guarded;
  @TempDir Path browserHome;
  private WebDriver browser;
  private Path downloads;

  @BeforeAll
  static void serveTheSamples() throws IOException {
    PageBrowser.requireChromium();
    served = ServedIndex.samples(temp, ServedIndex.settings());
    Path tokens = temp.resolve("tokens");
    Files.writeString(tokens, "admin " + ADMIN + "\nsupport " + SUPPORT + "\n");
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
    guarded = ServedIndex.start(temp.resolve("data"),
        ServedIndex.settings(AccessTokens.read(tokens, Role.admin), false, 2000));
  }

  @AfterAll
  static void stop() throws IOException {
    if (served != null) {
      served.close();
      guarded.close();
    }
  }

  @BeforeEach
  void startTheBrowser() throws IOException {
    downloads = Files.createDirectories(browserHome.resolve("downloads"));
    browser = PageBrowser.start(browserHome, downloads, 1400, 1000);
  }

  @AfterEach
  void stopTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  private List<WebElement> awaitRows(int count) {
    waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows tbody tr.row"), count));
    return browser.findElements(By.cssSelector("#rows tbody tr.row"));
  }

  private JsonNode api(String pathAndQuery) throws IOException {
    return JSON.readTree(served.get(pathAndQuery).body());
  }

  @Test
  void aSearchShowsVerdictsProofEvidenceHopsTotalsAndTheCsv() throws Exception {
    browser.get(served.uri().toString());
    browser.findElement(By.id("f-to")).sendKeys("alice@accept.example.net");
    browser.findElement(By.id("go")).click();
    List<WebElement> rows = awaitRows(2);
    JsonNode expected = api("/api/trace?to=alice@accept.example.net").get("rows");
    for (int n = 0; n < rows.size(); n++) {
      WebElement row = rows.get(n);
      JsonNode want = expected.get(n);
      assertThat(row.findElements(By.tagName("td")).get(1).getText()).isEqualTo(want.get("recipient").asText());
      WebElement badge = row.findElement(By.cssSelector("span.verdict"));
      assertThat(badge.getText()).as("the verdict in words; the code is in the JSON").isEqualTo("Handed over");
      assertThat(badge.getAttribute("class")).contains("verdict-HANDED_OVER");
      assertThat(badge.getCssValue("background-color")).as("the handed-over colour").isEqualTo("rgba(215, 243, 224, 1)");
      String relayHost = want.get("relay").asText().replaceAll("\\[.*", "");
      assertThat(row.findElement(By.cssSelector("p.sentence")).getText())
          .startsWith("Handed over to " + relayHost + " at ")
          .endsWith(", the server replied " + want.get("reply").asText() + ".").contains("250 2.0.0 Ok: queued as");
    }
    assertThat(browser.getCurrentUrl()).endsWith("/?to=alice%40accept.example.net");

    WebElement detail = browser.findElement(By.id("detail-0"));
    assertThat(detail.isDisplayed()).isFalse();
    WebElement toggle = rows.get(0).findElement(By.cssSelector("button.toggle"));
    toggle.click();
    waiting().until(ExpectedConditions.visibilityOf(detail));
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    List<WebElement> lines = detail.findElements(By.cssSelector("ol.evidence li"));
    assertThat(lines).hasSize(expected.get(0).get("evidence").size());
    JsonNode firstLine = expected.get(0).get("evidence").get(0);
    assertThat(lines.get(0).getText()).contains(firstLine.get("file").asText() + ":" + firstLine.get("line").asInt())
        .contains(firstLine.get("text").asText());
    assertThat(detail.getText()).contains("status=sent").contains(expected.get(0).get("key").asText());
    List<WebElement> hops = detail.findElements(By.cssSelector("table.hops tbody tr"));
    assertThat(hops).hasSize(expected.get(0).get("hops").size());
    assertThat(hops.get(0).getText()).contains("mx1 (postfix)").contains("Handed over");

    // the totals are this search's, not the whole index's
    JsonNode totals = api("/api/totals?to=alice@accept.example.net");
    assertThat(browser.findElements(By.cssSelector("#totals-list li[data-verdict]"))).hasSize(1);
    for (JsonNode line : totals.get("verdicts")) {
      if (line.get("rows").asInt() > 0) {
        WebElement total = browser.findElement(By.cssSelector("#totals-list li[data-verdict="
            + line.get("verdict").asText() + "]"));
        assertThat(total.findElement(By.cssSelector(".count")).getText()).isEqualTo(line.get("rows").asText());
      }
    }

    browser.findElement(By.id("csv")).click();
    Path csv = downloads.resolve("smtptrail-trace.csv");
    waiting().until(d -> Files.exists(csv) && !hasPartialDownloads());
    String expectedCsv = "\"# smtptrail trace --to alice@accept.example.net\"\n" + CliRun.of("trace", "--data",
        served.data.toString(), "--to", "alice@accept.example.net", "--limit", "0", "--format", "csv").out();
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(expectedCsv);
  }

  private boolean hasPartialDownloads() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.anyMatch(f -> f.toString().endsWith(".crdownload"));
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void aPendingRowShowsItsHintAndPagesTurn() throws IOException {
    browser.get(served.uri() + "?to=ken@refused.example.net");
    List<WebElement> rows = awaitRows(api("/api/trace?to=ken@refused.example.net").get("rows").size());
    assertThat(rows).isNotEmpty().allSatisfy(row -> {
      assertThat(row.findElement(By.cssSelector("span.verdict")).getAttribute("class")).contains("verdict-DEFERRED");
      assertThat(row.findElement(By.cssSelector("span.verdict")).getText()).isEqualTo("Not delivered yet");
      // attempts, time in the queue and the last reason without opening the evidence
      assertThat(row.findElement(By.cssSelector("p.sentence")).getText()).matches(
          "Not delivered yet: \\d+ attempts? over \\d+ (s|min|h) in the queue, last at .*: connection failure \\(.*"
              + "Connection refused.*\\)\\.");
      assertThat(row.findElement(By.cssSelector("p.hint")).getText()).contains("connection failure")
          .contains("retries by itself");
    });

    browser.get(served.uri() + "?domain=example.net&limit=25");
    awaitRows(25);
    assertThat(browser.findElement(By.id("prev")).isEnabled()).isFalse();
    String firstPage = browser.findElement(By.cssSelector("#rows tbody")).getText();
    browser.findElement(By.id("next")).click();
    waiting().until(ExpectedConditions.textToBe(By.id("page-label"), "Page 2"));
    assertThat(browser.findElement(By.id("prev")).isEnabled()).isTrue();
    assertThat(browser.findElement(By.cssSelector("#rows tbody")).getText()).isNotEqualTo(firstPage);
    assertThat(browser.getCurrentUrl()).contains("page=2");
  }

  @Test
  void markupInTheLogsAndInTheSearchStaysText() {
    browser.get(served.uri() + "?id=4A1B2C3D4E");
    List<WebElement> rows = awaitRows(2);
    rows.forEach(row -> row.findElement(By.cssSelector("button.toggle")).click());
    String table = browser.findElement(By.id("rows")).getText();
    assertThat(table).contains(ServedIndex.SCRIPT_RECIPIENT).contains("<img src=x onerror=alert(2)>");
    assertNothingInjected();

    new Select(browser.findElement(By.id("f-period"))).selectByValue("custom");
    WebElement since = browser.findElement(By.id("f-since"));
    since.sendKeys("<img src=x onerror=alert(3)>");
    browser.findElement(By.id("go")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).contains("<img src=x onerror=alert(3)>")
        .contains("is not a time");
    // the error replaces the results: no row of the previous search stays under it
    assertThat(browser.findElements(By.cssSelector("#rows tbody tr"))).isEmpty();
    assertThat(browser.findElement(By.id("results")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("totals")).isDisplayed()).isFalse();
    assertNothingInjected();
  }

  /** No dialog opened, and no element came from the data: only text. */
  private void assertNothingInjected() {
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    Object injected = ((JavascriptExecutor) browser).executeScript(
        "return document.querySelectorAll('main img, main script, main [onerror]').length;");
    assertThat(((Number) injected).intValue()).isZero();
  }

  @Test
  void withATokenThePageAsksForItAndASupportLoginSeesMaskedAddresses() {
    browser.get(guarded.uri().toString());
    assertThat(browser.findElements(By.id("search"))).isEmpty();
    browser.findElement(By.id("token")).sendKeys("not-the-token-0123456");
    browser.findElement(By.id("login-button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("failed")));

    browser.findElement(By.id("token")).sendKeys(SUPPORT);
    browser.findElement(By.id("login-button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
    assertThat(browser.findElement(By.id("role")).getText()).contains("masked");
    assertThat(browser.findElement(By.id("logout")).isDisplayed()).isTrue();
    browser.findElement(By.id("f-to")).sendKeys("alice@accept.example.net");
    browser.findElement(By.id("go")).click();
    WebElement row = awaitRows(2).get(0);
    assertThat(row.getText()).contains("alice@accept.example.net").contains("***@example.com")
        .doesNotContain("mary@example.com");

    browser.findElement(By.cssSelector("#logout button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
    browser.findElement(By.id("token")).sendKeys(ADMIN);
    browser.findElement(By.id("login-button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
    browser.get(guarded.uri() + "?to=alice@accept.example.net");
    assertThat(awaitRows(2).get(0).getText()).contains("mary@example.com");
    assertThat(new File(browserHome.toFile(), "profile")).isDirectory();
  }
}
