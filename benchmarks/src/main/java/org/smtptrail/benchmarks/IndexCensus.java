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
    }
  }
}
