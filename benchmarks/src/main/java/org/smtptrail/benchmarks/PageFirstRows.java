package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The support page as an agent uses it, timed in the browser: from the search's submit (what Enter does) to the first
 * row of that recipient on screen, and to the per-verdict totals, for many recipients in turn, in Debian's headless
 * Chromium. The time is taken by the page's own clock ({@code performance.now()}) and the rows' arrival is seen by a
 * {@code MutationObserver}, so WebDriver's round trips are not in it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.PageFirstRows URL RECIPIENTS_FILE [N]}: URL of a
 * running {@code smtptrail serve}, a file with one recipient (or {@code @domain}) per line, N of them timed (default
 * 200) after 10 unmeasured ones.
 */
public final class PageFirstRows {
  private static final String SEARCH = """
      const [address, done] = [arguments[0], arguments[arguments.length - 1]];
      const input = document.getElementById('f-to');
      const rows = document.querySelector('#rows tbody');
      const totals = document.getElementById('totals-list');
      let first = -1;
      let total = -1;
      const start = performance.now();
      const check = () => {
        const shown = (cell) => cell.textContent === address
            || (address.startsWith('@') && cell.textContent.endsWith(address));
        if (first < 0 && [...rows.querySelectorAll('td.recipient')].some(shown)) {
          first = performance.now() - start;
        }
        if (total < 0 && first >= 0 && !document.getElementById('totals').hidden && totals.children.length > 0) {
          total = performance.now() - start;
        }
        if (first >= 0 && total >= 0) {
          observer.disconnect();
          done([first, total]);
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
      input.value = address;
      document.getElementById('search').requestSubmit();
      setTimeout(() => { observer.disconnect(); done([first, total]); }, 20000);
      """;

  private PageFirstRows() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: PageFirstRows URL RECIPIENTS_FILE [N]");
      System.exit(2);
    }
    List<String> recipients = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isBlank()).toList();
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    ChromeDriver browser = browser(Files.createTempDirectory("smtptrail-page-bench"));
    try {
      browser.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
      browser.get(args[0]);
      List<Double> firstRows = new ArrayList<>();
      List<Double> withTotals = new ArrayList<>();
      int missed = 0;
      for (int i = 0; i < count + 10 && i < recipients.size(); i++) {
        @SuppressWarnings("unchecked")
        List<Number> times = (List<Number>) ((JavascriptExecutor) browser).executeAsyncScript(SEARCH,
            recipients.get(i));
        if (times.get(0).doubleValue() < 0 || times.get(1).doubleValue() < 0) {
          missed++;
        } else if (i >= 10) { // the first ones warm the server and the page up
          firstRows.add(times.get(0).doubleValue());
          withTotals.add(times.get(1).doubleValue());
        }
      }
      print("first row on screen after submit", firstRows);
      print("rows and per-verdict totals on screen", withTotals);
      System.out.printf(Locale.ROOT, "recipients not shown within 20 s: %d%n", missed);
    } finally {
      browser.quit();
    }
  }

  private static ChromeDriver browser(Path home) {
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Path.of("/usr/bin/chromium").toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1366,768", "--user-data-dir=" + home.resolve("profile"));
    options.setExperimentalOption("prefs", Map.of());
    return new ChromeDriver(driver, options);
  }

  private static void print(String what, List<Double> millis) {
    if (millis.isEmpty()) {
      System.out.println(what + ": no measurement");
      return;
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(Locale.ROOT, "%-40s n=%5d  p50 %8.1f ms  p90 %8.1f ms  p99 %8.1f ms  max %8.1f ms%n", what,
        sorted.size(), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
        sorted.getLast());
  }

  private static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
