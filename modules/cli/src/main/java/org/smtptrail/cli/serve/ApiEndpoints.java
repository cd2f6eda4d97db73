package org.smtptrail.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.smtptrail.cli.query.LocalQueries;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.query.TracePage;
import org.smtptrail.cli.render.CheckLine;
import org.smtptrail.cli.render.CheckSummary;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.render.Redaction;
import org.smtptrail.cli.render.RowFields;
import org.smtptrail.cli.render.StatsFields;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.QueryRefusedException;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Evidence;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * The JSON API: the answers of {@code trace}, {@code check}, {@code events} and {@code stats}, with the fields of
 * their {@code --format json}, read from the shared index view. A support caller's answers are redacted as
 * {@code --redact} does, keeping the searched addresses.
 */
final class ApiEndpoints {
  static final String TRACE = "/api/trace";
  static final String CHECK = "/api/check";
  static final String EVENTS = "/api/events/";
  static final String STATS = "/api/stats";
  static final String SESSION = "/api/session";
  static final String TOTALS = "/api/totals";
  static final String SUGGEST = "/api/suggest";
  /** Suggestions per answer by default, and at most. */
  private static final int SUGGESTIONS = 10;
  private static final int MOST_SUGGESTIONS = 50;
  private static final Set<String> TRACE_PARAMETERS = Set.of("to", "from", "domain", "message_id", "id", "since",
      "until", "status", "limit", "page", "format");
  private static final Set<String> FILTERS = Set.of("to", "from", "domain", "message_id", "id", "since", "until",
      "status");
  private static final int DEFAULT_LIMIT = 100;

  private final IndexWatch index;
  private final int maxRows;
  private final boolean login;

  /**
   * @param maxRows the most rows one request may ask for (a page; the CLI pages through more)
   * @param login   whether the server has tokens (the page then offers to log out)
   */
  ApiEndpoints(IndexWatch index, int maxRows, boolean login) {
    this.index = index;
    this.maxRows = maxRows;
    this.login = login;
  }

  /**
   * {@code /api/trace}: a page of rows, {@code {"rows":[...],"page":1,"limit":100,"more":false}}; or with
   * {@code format=csv} and no {@code limit}, every row of the search as CSV ({@link CsvDownload}) up to
   * {@link #csvRows()} (its first line says so when the search has more), with a limit that
   * page of them.
   */
  void trace(HttpExchange exchange) throws IOException {
    QueryParameters parameters = parameters(exchange, TRACE, TRACE_PARAMETERS);
    Instant now = Instant.now();
    if ("0".equals(parameters.text("limit"))) {
      throw new RequestException(400, "limit: 0 (every row) is not served in one answer; ask page by page,"
          + " up to " + maxRows + " rows each (the CLI does so for --limit 0), or ask format=csv without a limit");
    }
    boolean csv = parameters.csv();
    boolean everyRow = csv && parameters.text("limit") == null && parameters.text("page") == null;
    int limit = parameters.integer("limit", DEFAULT_LIMIT, 1, maxRows);
    int page = parameters.integer("page", 1, 1, Integer.MAX_VALUE / limit);
    String to = parameters.text("to");
    String from = parameters.text("from");
    TraceQuery query = everyRow ? query(parameters, now, csvRows(), 0)
        : query(parameters, now, limit, (page - 1) * limit);
    TracePage answer;
    try (Queries queries = queries()) {
      answer = queries.trace(query);
    }
    boolean redacted = AccessFilter.role().redacts();
    List<DeliveryRow> rows = redacted ? Redaction.keeping(to, from).apply(answer.rows()) : answer.rows();
    if (csv) {
      Map<String, String> filters = new LinkedHashMap<>();
      for (String name : List.of("to", "from", "domain", "message_id", "id", "since", "until", "status", "limit",
          "page")) {
        if (parameters.text(name) != null) {
          filters.put(name, parameters.text(name));
        }
      }
      String first = CsvDownload.filtersLine(filters, everyRow && answer.more() ? csvRows() : 0);
      CsvDownload.send(exchange, first, rows, Responses.acceptsGzip(exchange));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rows", rows.stream().map(RowFields::of).toList());
    body.put("page", page);
    body.put("limit", limit);
    body.put("more", answer.more());
    body.put("redacted", redacted);
    Responses.json(exchange, 200, body);
  }

  /** The filters of a trace request as a query. */
  private static TraceQuery query(QueryParameters parameters, Instant now, int limit, int offset) {
    return new TraceQuery(parameters.text("to"), parameters.text("from"), parameters.text("domain"),
        parameters.text("message_id"), parameters.text("id"), parameters.time("since", now),
        parameters.time("until", now), parameters.choice("status", Verdict.class), limit, offset);
  }

  /**
   * {@code /api/totals?to=&from=&domain=&message_id=&id=&since=&until=&status=}: the rows of a search per verdict,
   * {@code {"rows":92,"complete":true,"verdicts":[{"verdict":"HANDED_OVER","rows":80},...]}} ({@link SearchTotals}:
   * the verdicts leave {@code status} out, {@code rows} keeps it; {@code complete} false when counting stopped at
   * {@value SearchTotals#MOST}). Counts name no address, so a support caller gets them whole.
   */
  void totals(HttpExchange exchange) throws IOException {
    QueryParameters parameters = parameters(exchange, TOTALS, FILTERS);
    TraceQuery query = query(parameters, Instant.now(), 1, 0);
    SearchTotals totals;
    try (Queries queries = queries()) {
      totals = SearchTotals.count(queries, query);
    }
    List<Map<String, Object>> verdicts = new ArrayList<>();
    totals.byVerdict().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(count -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("verdict", count.getKey().name());
      item.put("rows", count.getValue());
      verdicts.add(item);
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rows", totals.matching());
    body.put("complete", totals.complete());
    body.put("verdicts", verdicts);
    Responses.json(exchange, 200, body);
  }

  /**
   * {@code /api/suggest?prefix=&limit=}: the addresses of the index that start with the prefix, in alphabetical order,
   * {@code {"addresses":[...],"redacted":false}}, at most {@code limit} (default 10, at most 50). A support caller gets
   * none: a suggestion spells out an address, and typing one letter more each time would list them all.
   */
  void suggest(HttpExchange exchange) throws IOException {
    QueryParameters parameters = parameters(exchange, SUGGEST, Set.of("prefix", "limit"));
    String prefix = parameters.required("prefix").toLowerCase(Locale.ROOT);
    if (prefix.length() > AddressPattern.MAX_LENGTH) {
      throw new RequestException(400, "prefix: longer than any address (at most " + AddressPattern.MAX_LENGTH
          + " characters)");
    }
    int limit = parameters.integer("limit", SUGGESTIONS, 1, MOST_SUGGESTIONS);
    boolean redacted = AccessFilter.role().redacts();
    List<String> addresses = List.of();
    if (!redacted) {
      try (StoreReader store = store()) {
        addresses = store.addressesStartingWith(prefix, limit);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("addresses", addresses);
    body.put("redacted", redacted);
    Responses.json(exchange, 200, body);
  }

  /**
   * {@code /api/check?to=ADDR}: the newest row, the line {@code check} prints and its exit code:
   * {@code {"verdict":"HANDED_OVER","exit_code":0,"line":"...","row":{...}}}; verdict NO_RECORD and row null when
   * there is none.
   */
  void check(HttpExchange exchange) throws IOException {
    QueryParameters parameters = parameters(exchange, CHECK, Set.of("to", "message_id", "since"));
    String to = parameters.required("to");
    if (isPattern(to)) {
      checkPattern(exchange, to, parameters);
      return;
    }
    Optional<DeliveryRow> found;
    try (Queries queries = queries()) {
      found = queries.check(to, parameters.text("message_id"), parameters.time("since", Instant.now()));
    }
    boolean redacted = AccessFilter.role().redacts();
    Map<String, Object> body = new LinkedHashMap<>();
    if (found.isEmpty()) {
      body.put("verdict", "NO_RECORD");
      body.put("exit_code", ExitCodes.NO_RECORD);
      body.put("line", CheckLine.noRecord(to));
      body.put("row", null);
    } else {
      DeliveryRow row = redacted ? Redaction.keeping(to).apply(List.of(found.get())).get(0) : found.get();
      body.put("verdict", row.verdict().name());
      body.put("exit_code", ExitCodes.forVerdict(row.verdict()));
      body.put("line", CheckLine.of(row));
      body.put("row", RowFields.of(row));
    }
    body.put("redacted", redacted);
    Responses.json(exchange, 200, body);
  }

  /** Whether {@code to} is a pattern; refused as {@code trace} refuses it, naming the parameter. */
  private static boolean isPattern(String to) {
    try {
      return !AddressPattern.of(to).isExact();
    } catch (QueryRefusedException refused) {
      throw refused.about("to");
    }
  }

  /**
   * {@code /api/check} with a pattern ({@code @example.org}): what {@code check} prints for one,
   * {@code {"verdict":"BOUNCED","exit_code":4,"line":"3 rows to @example.org:","lines":[...],"complete":true,
   * "row":null}}, the verdict the worst one counted. Counted as the page's totals are ({@link SearchTotals}, up to
   * 10,000 rows: {@code complete} is false beyond, and a worse verdict may be among the rows not counted).
   */
  private void checkPattern(HttpExchange exchange, String to, QueryParameters parameters) throws IOException {
    SearchTotals totals;
    try (Queries queries = queries()) {
      totals = SearchTotals.count(queries, new TraceQuery(to, null, null, parameters.text("message_id"), null,
          parameters.time("since", Instant.now()), null, null, 1));
    }
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    totals.byVerdict().forEach((verdict, rows) -> {
      if (rows > 0) {
        counts.put(verdict, Math.toIntExact(rows));
      }
    });
    CheckSummary summary = new CheckSummary(to, counts);
    List<String> lines = summary.lines();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("verdict", summary.worst() == null ? "NO_RECORD" : summary.worst().name());
    body.put("exit_code", summary.exitCode());
    body.put("line", lines.get(0));
    body.put("lines", lines);
    body.put("complete", totals.complete());
    body.put("row", null);
    body.put("redacted", AccessFilter.role().redacts());
    Responses.json(exchange, 200, body);
  }

  /** {@code /api/events/KEY}: every line of one message, {@code {"key":..,"lines":[{"file","line","text"}]}}. */
  void events(HttpExchange exchange) throws IOException {
    parameters(exchange, EVENTS + "KEY", Set.of());
    String raw = exchange.getRequestURI().getRawPath().substring(EVENTS.length());
    String key = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (key.isBlank()) {
      throw new RequestException(400, "give a message key: " + EVENTS + "postfix:mx1:3F2A81C0D2");
    }
    List<Evidence> lines;
    try (Queries queries = queries()) {
      lines = queries.events(key);
    }
    boolean redacted = AccessFilter.role().redacts();
    Redaction redaction = Redaction.keeping();
    List<Map<String, Object>> items = new ArrayList<>();
    for (Evidence line : lines) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", redacted ? redaction.mask(line.file()) : line.file());
      item.put("line", line.line());
      item.put("text", redacted ? redaction.mask(line.text()) : line.text());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String shownKey = redacted ? redaction.mask(key) : key; // a Xeams key holds the sender's address
    if (items.isEmpty()) {
      body.put("error", "no events for key " + shownKey);
    }
    body.put("key", shownKey);
    body.put("lines", items);
    body.put("redacted", redacted);
    Responses.json(exchange, items.isEmpty() ? 404 : 200, body);
  }

  /** {@code /api/stats?by=&since=&until=}: {@code {"by":..,"stats":[totals line, group lines...]}}. */
  void stats(HttpExchange exchange) throws IOException {
    QueryParameters parameters = parameters(exchange, STATS, Set.of("by", "since", "until"));
    Instant now = Instant.now();
    StatsGroup by = parameters.choice("by", StatsGroup.class);
    StatsReport report;
    try (Queries queries = queries()) {
      report = queries.stats(parameters.time("since", now), parameters.time("until", now), by);
    }
    boolean redacted = AccessFilter.role().redacts();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("by", by == null ? null : by.name());
    body.put("stats", StatsFields.lines(redacted ? Redaction.keeping().apply(report) : report));
    body.put("redacted", redacted);
    Responses.json(exchange, 200, body);
  }

  /** {@code /api/session}: the caller's role and what the page needs to know. */
  void session(HttpExchange exchange) throws IOException {
    parameters(exchange, SESSION, Set.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", AccessFilter.role().name());
    body.put("redacted", AccessFilter.role().redacts());
    body.put("login", login);
    body.put("max_rows", maxRows);
    body.put("csv_rows", csvRows());
    body.put("verdicts", List.of(Verdict.values()).stream().map(Enum::name).toList());
    Responses.json(exchange, 200, body);
  }

  /**
   * The most rows of one CSV download: ten pages of the most rows a request may ask for. Every row of a search is in
   * the server's memory before it is written (the rows are sorted newest first), so an unbounded download of the
   * whole index could take the server down; past this the file's first line says it holds only the newest rows.
   */
  int csvRows() {
    return maxRows * 10;
  }

  private static QueryParameters parameters(HttpExchange exchange, String endpoint, Set<String> allowed) {
    Responses.allow(exchange, "GET", "HEAD");
    return QueryParameters.parse(exchange.getRequestURI().getRawQuery(), endpoint, allowed);
  }

  /**
   * The index for one request, within what is left of its time budget. The answer names no path of this machine:
   * whoever reads it may be on the network.
   */
  private Queries queries() throws IOException {
    return new LocalQueries(store());
  }

  private StoreReader store() throws IOException {
    return index.acquire(Admission.timeLeft()).orElseThrow(() -> new RequestException(503, "no index in this"
        + " server's data folder (yet, or any more): run 'smtptrail index PATH...' with its --data folder (or"
        + " 'smtptrail tail', or start 'smtptrail serve --tail PATH...')"));
  }
}
