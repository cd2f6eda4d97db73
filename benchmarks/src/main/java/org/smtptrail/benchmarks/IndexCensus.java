package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.RowSchema;

/**
 * What an index is made of, the figures that decide what indexing costs: documents (events and stored rows), and per
 * indexed field its distinct terms (summed over segments: each segment sorts and writes its own) and its postings.
 * Distinct terms drive a segment flush's sort and term dictionary; postings drive the adds.
 *
 * Then the index's bytes by part (stored fields, term dictionary, postings, doc values, points).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.IndexCensus DATA_DIR}
 */
public final class IndexCensus {
  private IndexCensus() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: IndexCensus DATA_DIR");
      System.exit(2);
    }
    try (Directory directory = FSDirectory.open(new DataDirectory(Path.of(args[0])).index());
        DirectoryReader reader = DirectoryReader.open(directory)) {
      int rows = new IndexSearcher(reader).count(new TermQuery(new Term(RowSchema.TYPE, RowSchema.ROW)));
      System.out.printf(Locale.ROOT, "%d segments, %d documents: %d stored rows, %d event documents%n",
          reader.leaves().size(), reader.numDocs(), rows, reader.numDocs() - rows);
      Map<String, long[]> fields = new TreeMap<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        for (FieldInfo field : leaf.reader().getFieldInfos()) {
          Terms terms = field.getIndexOptions() == IndexOptions.NONE ? null : leaf.reader().terms(field.name);
          if (terms != null) {
            long[] counts = fields.computeIfAbsent(field.name, name -> new long[2]);
            counts[0] += terms.size();
            counts[1] += terms.getSumDocFreq();
          }
        }
      }
      long distinct = 0;
      long postings = 0;
      System.out.println("| field | distinct terms (per segment, summed) | postings |");
      System.out.println("|---|---|---|");
      for (Map.Entry<String, long[]> field : fields.entrySet()) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d |%n", field.getKey(), field.getValue()[0],
            field.getValue()[1]);
        distinct += field.getValue()[0];
        postings += field.getValue()[1];
      }
      System.out.printf(Locale.ROOT, "| all | %d | %d |%n", distinct, postings);
      printBytesByPart(directory);
    }
  }

  /**
   * The index's bytes by what Lucene keeps in each file (its extension): where a compact index must save. Files of a
   * compound segment ({@code .cfs}) are counted as one.
   */
  private static void printBytesByPart(Directory directory) throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    long total = 0;
    for (String file : directory.listAll()) {
      int dot = file.lastIndexOf('.');
      String part = dot < 0 ? "(segments, lock)" : PARTS.getOrDefault(file.substring(dot + 1), file.substring(dot + 1));
      long length = directory.fileLength(file);
      bytes.merge(part, length, Long::sum);
      total += length;
    }
    System.out.println();
    System.out.println("| part (files) | bytes | share |");
    System.out.println("|---|---|---|");
    for (Map.Entry<String, Long> part : bytes.entrySet()) {
      System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% |%n", part.getKey(), part.getValue(),
          100.0 * part.getValue() / total);
    }
    System.out.printf(Locale.ROOT, "| all | %d | 100 %% |%n", total);
  }

  /** Lucene's file extensions, by what they hold. */
  private static final Map<String, String> PARTS = Map.ofEntries(
      Map.entry("fdt", "stored fields (fdt, fdx, fdm)"), Map.entry("fdx", "stored fields (fdt, fdx, fdm)"),
      Map.entry("fdm", "stored fields (fdt, fdx, fdm)"),
      Map.entry("tim", "term dictionary (tim, tip, tmd)"), Map.entry("tip", "term dictionary (tim, tip, tmd)"),
      Map.entry("tmd", "term dictionary (tim, tip, tmd)"),
      Map.entry("doc", "postings (doc, pos, pay, psm)"), Map.entry("pos", "postings (doc, pos, pay, psm)"),
      Map.entry("pay", "postings (doc, pos, pay, psm)"), Map.entry("psm", "postings (doc, pos, pay, psm)"),
      Map.entry("dvd", "doc values (dvd, dvm, dvp, dvs)"), Map.entry("dvm", "doc values (dvd, dvm, dvp, dvs)"),
      Map.entry("dvp", "doc values (dvd, dvm, dvp, dvs)"), Map.entry("dvs", "doc values (dvd, dvm, dvp, dvs)"),
      Map.entry("kdd", "points (kdd, kdi, kdm)"), Map.entry("kdi", "points (kdd, kdi, kdm)"),
      Map.entry("kdm", "points (kdd, kdi, kdm)"),
      Map.entry("nvd", "norms (nvd, nvm)"), Map.entry("nvm", "norms (nvd, nvm)"),
      Map.entry("liv", "deleted documents (liv)"), Map.entry("cfs", "compound segments (cfs, cfe)"),
      Map.entry("cfe", "compound segments (cfs, cfe)"));
}
