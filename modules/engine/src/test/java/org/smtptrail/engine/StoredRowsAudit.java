package org.smtptrail.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.smtptrail.engine.index.EventSchema;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.RowSchema;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.RowGroup;
import org.smtptrail.engine.verdict.MessageRows;

/** Test support for stored verdict rows: compares them with the events; turns an index into one from before them. */
public final class StoredRowsAudit {
  private static final List<RowGroup> GROUPS = List.of(RowGroup.DOMAIN, RowGroup.RELAY, RowGroup.CATEGORY, RowGroup.HOST);

  private StoredRowsAudit() {}

  /**
   * The messages whose stored rows differ from the rows computed afresh from all their events (a line per message:
   * key, stored, computed); empty when every row is as it should be, none missing and none left over.
   */
  public static List<String> differences(DataDirectory data) throws IOException {
    Map<String, List<String>> stored = new TreeMap<>();
    Map<String, List<String>> computed = new TreeMap<>();
    try (EventStore store = EventStore.open(data)) {
      Map<String, List<List<String>>> columns = new TreeMap<>();
      for (RowGroup group : GROUPS) {
        Map<String, Integer> position = new TreeMap<>();
        store.scanRows(RowFilter.ALL, group, row -> {
          String key = row.key();
          List<List<String>> rows = columns.computeIfAbsent(key, k -> new ArrayList<>());
          int at = position.merge(key, 1, Integer::sum) - 1;
          if (rows.size() <= at) {
            rows.add(new ArrayList<>(List.of(row.verdict().name(), Integer.toString(row.flags()),
                Integer.toString(row.attempts()), Long.toString(row.deferrals()), Long.toString(row.size()),
                Integer.toString(row.received()), Long.toString(row.messageLastMin()))));
          }
          rows.get(at).add(row.group());
        });
      }
      columns.forEach((key, rows) -> stored.put(key, sorted(rows.stream().map(r -> String.join("|", r)).toList())));
      store.forEachMessage((key, events) -> computed.put(key,
          sorted(MessageRows.of(key, events).stream().map(StoredRowsAudit::signature).toList())));
    }
    List<String> differences = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(stored.keySet());
    keys.addAll(computed.keySet());
    for (String key : keys) {
      List<String> have = stored.getOrDefault(key, List.of());
      List<String> want = computed.getOrDefault(key, List.of());
      if (!have.equals(want)) {
        differences.add(key + ": stored " + have + ", computed " + want);
      }
    }
    return differences;
  }

  private static String signature(RowFacts row) {
    return String.join("|", row.verdict().name(), Integer.toString(row.flags()), Integer.toString(row.attempts()),
        Long.toString(row.deferrals()),
        Long.toString(row.size()), Integer.toString(row.received()), Long.toString(row.messageLastMin()),
        row.groupDomain(), row.groupRelay(), row.groupCategory(), row.groupHost());
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  /**
   * Makes the index what a version before stored rows wrote: the same events, no row, no rows version in the commit.
   */
  public static void removeStoredRows(DataDirectory data) throws IOException {
    try (Directory directory = FSDirectory.open(data.index())) {
      IndexWriterConfig config = new IndexWriterConfig()
          .setIndexSort(new Sort(new SortField(EventSchema.TIME, SortField.Type.LONG, true)))
          .setOpenMode(IndexWriterConfig.OpenMode.APPEND);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        writer.deleteDocuments(new Term(RowSchema.TYPE, RowSchema.ROW));
        Map<String, String> userData = new TreeMap<>();
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          userData.putAll(reader.getIndexCommit().getUserData());
        }
        userData.remove(RowSchema.VERSION_KEY);
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
      }
    }
  }
}
