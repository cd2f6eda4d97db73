package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.Role;

/**
 * The support page as an agent answering a customer uses it, in headless Chromium (in {@link PageBrowser#ZONE}): the
 * answer in a sentence, the proof to paste (masked for a support login as the row is), a permalink that survives a
 * reload, the totals of the search to click, a page past the end, a bare word that finds the addresses containing
 * it, date presets read in the browser's zone, the layout at 1366 x 768 and on a 390 px phone, keyboard use and
 * axe-core's audit, and the live refresh while {@code serve --tail} reads a log. With
 * {@code -Dsmtptrail.screenshots=DIR} it saves the two screenshots of the docs there.
 */
class SupportPageIT {
  private static final String SUPPORT = "page-support-0123456789";
  private static final String ALICE = "alice@accept.example.net";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static ServedIndex served;
  private static ServedIndex supportOnly;
  @TempDir Path browserHome;
  private WebDriver browser;
  private ChildCli tailing;

  @BeforeAll
  static void serveTheSamples() throws IOException {
    PageBrowser.requireChromium();
    served = ServedIndex.samples(temp, ServedIndex.settings());
    Path tokens = temp.resolve("tokens");
    Files.writeString(tokens, "support " + SUPPORT + "\n");
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
    supportOnly = ServedIndex.start(temp.resolve("data"),
        ServedIndex.settings(AccessTokens.read(tokens, Role.admin), false, 2000));
  }

  @AfterAll
  static void stop() throws IOException {
    if (served != null) {
      served.close();
      supportOnly.close();
    }
  }

  @AfterEach
  void stopTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (tailing != null && tailing.process().isAlive()) {
      tailing.process().destroyForcibly();
    }
  }

  private WebDriver open(int width, int height) throws IOException {
    browser = PageBrowser.start(browserHome, Files.createDirectories(browserHome.resolve("downloads")), width,
        height);
    return browser;
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  private List<WebElement> awaitRows(int count) {
    waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows tbody tr.row"), count));
    return browser.findElements(By.cssSelector("#rows tbody tr.row"));
  }

  private Object script(String code, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(code, args);
  }

  private static JsonNode api(String pathAndQuery) throws IOException {
    return JSON.readTree(served.get(pathAndQuery).body());
  }

  @Test
  void theProofOfARowIsPlainTextWithEveryFactAndTheTimeInTheBrowsersZoneAndUtc() throws IOException {
    open(1366, 768).get(served.uri() + "?to=" + ALICE);
    WebElement row = awaitRows(2).get(0);
    JsonNode want = api("/api/trace?to=" + ALICE).get("rows").get(0);
    // 10:00 UTC is 11:00 in Paris in November: shown in the browser's zone, UTC on hover
    WebElement when = row.findElement(By.cssSelector("td.when time"));
    assertThat(when.getText()).endsWith(" CET").doesNotContain("UTC");
    assertThat(when.getAttribute("title")).endsWith(" UTC").startsWith(want.get("last_event").asText()
        .substring(0, 10));

    row.findElement(By.cssSelector("button.copy")).click();
    WebElement proof = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#detail-0 pre.proof-text")));
    String text = proof.getText();
    assertThat(text.lines().toList()).startsWith("Verdict: Handed over (HANDED_OVER)")
        .contains("Recipient: " + ALICE, "Sender: " + want.get("sender").asText(),
            "Message-ID: " + want.get("message_id").asText(), "Relay: " + want.get("relay").asText(),
            "Reply: " + want.get("reply").asText(), "Attempts: " + want.get("attempts").asInt());
    assertThat(text).contains("Time: " + when.getText() + " (" + when.getAttribute("title") + ")")
        .contains("Message key: " + want.get("key").asText());
    assertThat(browser.findElement(By.id("copied")).getText()).isNotEmpty();
  }

  @Test
  void aPermalinkOpensOneRowWithItsEvidenceAndSurvivesAReload() throws IOException {
    open(1366, 768).get(served.uri() + "?domain=accept.example.net");
    WebElement row = awaitRows(api("/api/trace?domain=accept.example.net").get("rows").size()).get(0);
    String link = row.findElement(By.cssSelector("a.permalink")).getAttribute("href");
    JsonNode first = api("/api/trace?domain=accept.example.net").get("rows").get(0);
    assertThat(link).contains("open=1").contains("id=" + first.get("key").asText().replace(":", "%3A"));

    browser.get(link);
    awaitRows(1);
    WebElement evidence = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-0")));
    assertThat(evidence.findElements(By.cssSelector("ol.evidence li"))).hasSize(first.get("evidence").size());
    browser.navigate().refresh();
    assertThat(awaitRows(1).get(0).findElement(By.cssSelector("td.recipient")).getText())
        .isEqualTo(first.get("recipient").asText());
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-0")));
    assertThat(browser.getCurrentUrl()).isEqualTo(link);
  }

  @Test
  void aSupportLoginsProofAndLinkMaskWhatTheRowMasks() throws IOException {
    open(1366, 768).get(supportOnly.uri().toString());
    browser.findElement(By.id("token")).sendKeys(SUPPORT, Keys.ENTER);
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
    browser.findElement(By.id("f-to")).sendKeys(ALICE, Keys.ENTER);
    WebElement row = awaitRows(2).get(0);
    row.findElement(By.cssSelector("button.copy")).click();
    String proof = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#detail-0 pre.proof-text"))).getText();
    assertThat(proof).contains("Recipient: " + ALICE).contains("Sender: ***@example.com")
        .doesNotContain("mary@example.com");
    assertThat(proof.replace(ALICE, "")).doesNotContainPattern("[A-Za-z0-9._%+-]+@[a-z]");

    // a bare word's candidates are masked too: a support login learns only domains
    browser.get(supportOnly.uri() + "?to=alice");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("candidates")));
    assertThat(browser.findElements(By.cssSelector("#candidates-list button"))).isNotEmpty()
        .allSatisfy(b -> assertThat(b.getText()).startsWith("@"));
  }

  @Test
  void pastTheLastPageThePageSaysHowManyRowsThereAreAndALimitAloneRunsTheSearch() throws IOException {
    int all = api("/api/totals?domain=example.net").get("rows").asInt();
    open(1366, 768).get(served.uri() + "?domain=example.net&limit=25&page=99999");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("past-end")));
    int pages = (all + 24) / 25;
    assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("Page 99999 is past the end: this search"
        + " has " + all + " rows, on " + pages + " pages of 25.");
    browser.findElement(By.id("last-page")).click();
    awaitRows(all - (pages - 1) * 25);
    assertThat(browser.getCurrentUrl()).contains("page=" + pages);

    browser.get(served.uri() + "?limit=25");
    awaitRows(25);
    assertThat(browser.findElement(By.id("summary")).getText()).startsWith("Rows 1 to 25 of "
        + api("/api/totals").get("rows").asInt());
  }

  @Test
  void typingAnAddressSuggestsTheIndexsOwnAddresses() throws IOException {
    open(1366, 768).get(served.uri().toString());
    waiting().until(d -> "f-to".equals(d.switchTo().activeElement().getAttribute("id")));
    browser.findElement(By.id("f-to")).sendKeys("ALI");
    waiting().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#suggestions option[value='" + ALICE + "']")));
    List<String> offered = browser.findElements(By.cssSelector("#suggestions option")).stream()
        .map(o -> o.getAttribute("value")).toList();
    assertThat(offered).isNotEmpty().isSorted().allSatisfy(a -> assertThat(a).startsWith("ali"));
    assertThat(offered).isEqualTo(JSON.convertValue(api("/api/suggest?prefix=ali").get("addresses"), List.class));
  }

  @Test
  void theCsvLinkSaysWhenTheSearchHasMoreRowsThanOneDownloadHolds() throws IOException {
    // pages of at most 5 rows: a download holds ten pages, 50 rows
    try (ServedIndex small = ServedIndex.start(temp.resolve("data"), ServedIndex.settings(null, false, 5))) {
      int all = api("/api/totals").get("rows").asInt();
      open(1366, 768).get(small.uri() + "?limit=5");
      waiting().until(ExpectedConditions.textToBe(By.id("csv"), "Download CSV (the newest 50 of " + all + " rows)"));
      browser.get(small.uri() + "?domain=accept.example.net&limit=5");
      int some = api("/api/totals?domain=accept.example.net").get("rows").asInt();
      assertThat(some).isLessThanOrEqualTo(50);
      waiting().until(ExpectedConditions.textToBe(By.id("csv"), "Download CSV (all " + some + " rows)"));
    }
  }

  @Test
  void aBareWordFindsTheAddressesContainingItAndSaysHowToNarrow() throws IOException {
    open(1366, 768).get(served.uri() + "?to=alice");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("candidates")));
    assertThat(browser.findElement(By.id("candidates-note")).getText()).contains("\"alice\" is not a whole address");
    WebElement candidate = browser.findElements(By.cssSelector("#candidates-list button")).stream()
        .filter(b -> b.getText().equals(ALICE)).findFirst().orElseThrow();
    candidate.click();
    awaitRows(2);
    assertThat(browser.findElement(By.id("f-to")).getAttribute("value")).isEqualTo(ALICE);
    assertThat(browser.findElement(By.id("candidates")).isDisplayed()).isFalse();

    browser.get(served.uri() + "?to=zqxj");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("candidates")));
    assertThat(browser.findElement(By.id("candidates-note")).getText()).contains("no address contains it")
        .contains("Type the whole address");
  }

  @Test
  void theTotalsAreTheSearchesAndAClickShowsOnlyThatVerdictAndTheSortPutsFailuresFirst() throws IOException {
    open(1366, 768).get(served.uri() + "?domain=example.net");
    JsonNode totals = api("/api/totals?domain=example.net");
    awaitRows(Math.min(100, totals.get("rows").asInt()));
    WebElement deferred = browser.findElement(By.cssSelector("#totals-list li[data-verdict=DEFERRED] button"));
    assertThat(deferred.getAttribute("aria-pressed")).isEqualTo("false");
    deferred.click();
    int deferredRows = api("/api/totals?domain=example.net&status=DEFERRED").get("rows").asInt();
    assertThat(awaitRows(deferredRows)).allSatisfy(r -> assertThat(r.getAttribute("data-verdict"))
        .isEqualTo("DEFERRED"));
    assertThat(browser.getCurrentUrl()).contains("status=DEFERRED");
    assertThat(browser.findElement(By.cssSelector("#totals-list li[data-verdict=DEFERRED] button"))
        .getAttribute("aria-pressed")).isEqualTo("true");
    browser.findElement(By.cssSelector("#totals-list li[data-verdict=DEFERRED] button")).click();
    awaitRows(Math.min(100, totals.get("rows").asInt()));

    List<String> newestFirst = verdictsShown();
    assertThat(newestFirst).as("the samples' newest rows are not already worst first").isNotEqualTo(
        newestFirst.stream().sorted(WORST_FIRST).toList());
    new Select(browser.findElement(By.id("f-sort"))).selectByValue("verdict");
    waiting().ignoring(StaleElementReferenceException.class)
        .until(d -> verdictsShown().equals(newestFirst.stream().sorted(WORST_FIRST).toList()));
    assertThat(verdictsShown().get(0)).isEqualTo("BOUNCED");
  }

  /** Failures first, as "sort by verdict" promises (the order of words.js's SEVERITY). */
  private static final java.util.Comparator<String> WORST_FIRST = java.util.Comparator.comparingInt(List.of(
      "BOUNCED", "REJECTED", "EXPIRED", "DISCARDED", "DEFERRED", "UNKNOWN", "DELIVERED_LOCALLY", "HANDED_OVER")::indexOf);

  private List<String> verdictsShown() {
    return browser.findElements(By.cssSelector("#rows tbody tr.row")).stream()
        .map(r -> r.getAttribute("data-verdict")).toList();
  }

  @Test
  void presetsAndTypedTimesAreReadInTheBrowsersZone() throws IOException {
    open(1366, 768).get(served.uri().toString());
    Select period = new Select(browser.findElement(By.id("f-period")));
    assertThat(browser.findElement(By.id("f-since")).isDisplayed()).isFalse();
    period.selectByValue("7d");
    browser.findElement(By.id("go")).click();
    waiting().until(ExpectedConditions.urlContains("since=7d"));
    period.selectByValue("today");
    assertThat(browser.findElement(By.id("f-since")).getAttribute("value")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");
    period.selectByValue("custom");
    WebElement since = browser.findElement(By.id("f-since"));
    assertThat(since.isDisplayed()).isTrue();
    since.clear();
    // 10:34 in Paris is 09:34 UTC
    since.sendKeys("2026-11-23T10:34");
    browser.findElement(By.id("go")).click();
    waiting().until(ExpectedConditions.urlContains("since=2026-11-23T09%3A34%3A00Z"));
    int rows = api("/api/trace?limit=250&since=2026-11-23T09:34:00Z").get("rows").size();
    assertThat(rows).isPositive();
    awaitRows(Math.min(rows, 100));
  }

  @Test
  void noHorizontalScrollAt1366AndOnAPhoneTheVerdictAndRecipientComeFirst() throws IOException {
    open(1366, 768).get(served.uri() + "?domain=example.net");
    awaitRows(Math.min(100, api("/api/totals?domain=example.net").get("rows").asInt())).get(0)
        .findElement(By.cssSelector("button.toggle")).click();
    assertNoHorizontalScroll();
    screenshot("page-1366x768.png");

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(served.uri() + "?to=ken@refused.example.net");
    WebElement row = awaitRows(api("/api/trace?to=ken@refused.example.net").get("rows").size()).get(0);
    assertNoHorizontalScroll();
    WebElement badge = row.findElement(By.cssSelector("span.verdict"));
    WebElement recipient = row.findElement(By.cssSelector("td.recipient"));
    WebElement sender = row.findElement(By.cssSelector("td.sender"));
    assertThat(badge.getLocation().getY()).isLessThan(recipient.getLocation().getY());
    assertThat(recipient.getLocation().getY()).isLessThan(sender.getLocation().getY());
    int width = ((Number) script("return window.innerWidth;")).intValue();
    assertThat(recipient.getLocation().getX() + recipient.getSize().getWidth()).isLessThanOrEqualTo(width);
    // one search box; the other filters behind "More filters", which opens and shows them
    assertThat(browser.findElement(By.id("f-to")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("f-from")).isDisplayed()).isFalse();
    WebElement more = browser.findElement(By.id("more-toggle"));
    assertThat(more.getAttribute("aria-expanded")).isEqualTo("false");
    screenshot("page-390x844.png");
    more.click();
    assertThat(browser.findElement(By.id("f-from")).isDisplayed()).isTrue();
    assertThat(more.getAttribute("aria-expanded")).isEqualTo("true");
    assertNoHorizontalScroll();
  }

  private void assertNoHorizontalScroll() {
    Object widths = script("return [document.documentElement.scrollWidth, window.innerWidth];");
    List<?> pair = (List<?>) widths;
    assertThat(((Number) pair.get(0)).longValue()).as("page width vs window width")
        .isLessThanOrEqualTo(((Number) pair.get(1)).longValue());
  }

  /** Saves a screenshot for the docs when -Dsmtptrail.screenshots=DIR is given. */
  private void screenshot(String name) throws IOException {
    String folder = System.getProperty("smtptrail.screenshots");
    if (folder != null) {
      Path target = Files.createDirectories(Path.of(folder)).resolve(name);
      Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
  }

  @Test
  void theKeyboardAloneSearchesOpensEvidenceAndCopiesAndAxeFindsNothingSeriousOrCritical() throws IOException {
    open(1366, 768).get(served.uri().toString());
    // the recipient box has the focus on arrival; Enter searches
    waiting().until(d -> "f-to".equals(d.switchTo().activeElement().getAttribute("id")));
    browser.switchTo().activeElement().sendKeys("ken@refused.example.net", Keys.ENTER);
    awaitRows(api("/api/trace?to=ken@refused.example.net").get("rows").size());
    WebElement toggle = browser.findElement(By.cssSelector("#rows tbody tr.row button.toggle"));
    // Tab alone goes from the search box through the filters and the totals to the first row's Evidence
    int tabs = 0;
    while (tabs < 60 && !toggle.equals(browser.switchTo().activeElement())) {
      browser.switchTo().activeElement().sendKeys(Keys.TAB);
      tabs++;
    }
    assertThat(browser.switchTo().activeElement()).as("Evidence is reached with Tab").isEqualTo(toggle);
    toggle.sendKeys(Keys.ENTER);
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-0")));
    browser.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Copy proof");
    browser.switchTo().activeElement().sendKeys(Keys.SPACE);
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("copied"), "roof"));

    injectAxe();
    assertThat(seriousViolations()).as("axe-core on the results with evidence open").isEmpty();
    browser.get(served.uri() + "?to=zqxj");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("candidates")));
    injectAxe();
    assertThat(seriousViolations()).as("axe-core on an empty answer").isEmpty();
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(served.uri() + "?domain=accept.example.net");
    awaitRows(api("/api/trace?domain=accept.example.net").get("rows").size());
    injectAxe();
    assertThat(seriousViolations()).as("axe-core on a phone").isEmpty();
  }

  private void injectAxe() throws IOException {
    try (InputStream in = SupportPageIT.class.getResourceAsStream("/axe/axe.min.js")) {
      script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** axe-core's serious and critical violations, as "rule: target" lines. */
  @SuppressWarnings("unchecked")
  private List<String> seriousViolations() {
    Object result = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
            + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            + ".flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ' + n.failureSummary))))"
            + ".catch(e => done(['axe failed: ' + e]));");
    return (List<String>) result;
  }

  @Test
  void liveRefreshMarksARowThatTurnedFromDeferredToHandedOver() throws Exception {
    Path log = temp.resolve("live").resolve("mail.log");
    Files.createDirectories(log.getParent());
    String probe = "probe@live.example.net";
    Files.writeString(log, "Nov 23 23:00:00 mx1 postfix/qmgr[12]: 4AB12C3D4F: from=<alice@example.org>, size=900,"
        + " nrcpt=1 (queue active)\n"
        + "Nov 23 23:00:01 mx1 postfix/smtp[13]: 4AB12C3D4F: to=<" + probe + ">, relay=mx.live.example.net"
        + "[203.0.113.9]:25, delay=1, delays=0/0/0/1, dsn=4.2.2, status=deferred (host mx.live.example.net"
        + "[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n");
    tailing = ChildCli.start(temp.resolve("live").resolve("serve.out"), "serve", "--data",
        temp.resolve("live").resolve("data").toString(), "--port", "0", "--timezone", "UTC", "--tail",
        log.toString());
    URI server = tailing.servingAt();
    for (int tries = 0; tries < 200 && !served(server, probe); tries++) {
      Thread.sleep(100);
    }
    open(1366, 768).get(server + "?to=" + probe);
    WebElement row = awaitRows(1).get(0);
    assertThat(row.getAttribute("data-verdict")).isEqualTo("DEFERRED");
    assertThat(row.findElement(By.cssSelector("p.sentence")).getText())
        .contains("Not delivered yet: 1 attempt over").contains("mailbox full");
    browser.findElement(By.id("live")).click();
    Files.writeString(log, "Nov 23 23:05:01 mx1 postfix/smtp[13]: 4AB12C3D4F: to=<" + probe
        + ">, relay=mx.live.example.net[203.0.113.9]:25, delay=301, delays=300/0/0/1, dsn=2.0.0, status=sent"
        + " (250 2.0.0 Ok: queued as 9Z)\n" + "Nov 23 23:05:01 mx1 postfix/qmgr[12]: 4AB12C3D4F: removed\n",
        StandardOpenOption.APPEND);
    waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("#rows tbody tr.row"), "data-verdict",
        "HANDED_OVER"));
    WebElement changed = browser.findElement(By.cssSelector("#rows tbody tr.row"));
    assertThat(changed.getAttribute("class")).contains("changed");
    assertThat(changed.findElement(By.cssSelector("p.change")).getText())
        .isEqualTo("Changed since the last refresh: was Not delivered yet.");
    assertThat(browser.getCurrentUrl()).isEqualTo(server + "?to=" + probe.replace("@", "%40"));
  }

  private boolean served(URI server, String probe) throws IOException, InterruptedException {
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(server.resolve(
          "/api/trace?to=" + probe)).build(), HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 && JSON.readTree(answer.body()).get("rows").size() == 1;
    }
  }

  @Test
  void theFaviconIsServedSoNoLoadEndsInA404() throws IOException {
    HttpResponse<String> icon = served.get("/assets/favicon.svg");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(icon.body()).startsWith("<svg");
    assertThat(served.get("/").body()).contains("<link rel=\"icon\" href=\"/assets/favicon.svg\"");
    assertThat(supportOnly.get("/login").body()).contains("<link rel=\"icon\" href=\"/assets/favicon.svg\"");
    // before a login too: the icon is one of the assets a login page needs
    assertThat(supportOnly.get("/assets/favicon.svg").statusCode()).isEqualTo(200);
  }
}
