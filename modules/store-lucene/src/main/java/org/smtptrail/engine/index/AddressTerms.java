package org.smtptrail.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The addresses of the rows that start with a prefix, read from the terms dictionary of {@link RowSchema#ADDRESS}:
 * a seek to the prefix and a walk over the next terms, in order, so the cost is the terms read, not the rows held. A
 * term whose rows were all replaced or deleted (not yet merged away) is skipped, so a suggestion always finds a row.
 */
final class AddressTerms {
  /** Terms looked at for one answer, live or not: a bound on the work of a prefix with many dead terms. */
  private static final int MOST_TERMS = 10_000;

  private AddressTerms() {}

  static List<String> startingWith(IndexReader reader, String prefix, int max) throws IOException {
    List<String> found = new ArrayList<>();
    Terms terms = reader == null ? null : MultiTerms.getTerms(reader, RowSchema.ADDRESS);
    if (terms == null || max <= 0) {
      return found;
    }
    BytesRef start = new BytesRef(prefix.strip().toLowerCase(Locale.ROOT));
    Bits live = MultiBits.getLiveDocs(reader);
    TermsEnum walk = terms.iterator();
    if (walk.seekCeil(start) == TermsEnum.SeekStatus.END) {
      return found;
    }
    PostingsEnum postings = null;
    int looked = 0;
    for (BytesRef term = walk.term(); term != null && StringHelper.startsWith(term, start)
        && found.size() < max && looked < MOST_TERMS; term = walk.next(), looked++) {
      postings = walk.postings(postings, PostingsEnum.NONE);
      if (hasLive(postings, live)) {
        found.add(term.utf8ToString());
      }
    }
    return found;
  }

  private static boolean hasLive(PostingsEnum postings, Bits live) throws IOException {
    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
      if (live == null || live.get(doc)) {
        return true;
      }
    }
    return false;
  }
}
