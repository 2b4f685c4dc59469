package govlens.jobs.analytics;

import govlens.lib.nlp.Token;
import govlens.lib.nlp.TokenFilter;
import govlens.lib.nlp.Tokenizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of tokenization: sentence rows (doc_id, section_id, idx, text, char_start, report_year) →
 * one row per token with offsets into the document text (the sentence's char_start added).
 *
 * <p>Sentences rather than whole documents are tokenized so a task's memory is bounded by one sentence, and
 * every token carries its sentence. HanLP lives in a per-JVM holder inside {@link Tokenizer}, so the
 * instance shipped here is only the filter's word lists.
 */
public final class TokenizeSentences implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Input columns, in this order. */
  public static final String[] INPUT = {"doc_id", "section_id", "idx", "text", "char_start", "report_year"};

  public static final StructType OUTPUT = new StructType()
      .add("doc_id", DataTypes.StringType, false)
      .add("section_id", DataTypes.StringType, false)
      .add("sentence_idx", DataTypes.IntegerType, false)
      .add("token", DataTypes.StringType, false)
      .add("pos", DataTypes.StringType, false)
      .add("char_start", DataTypes.IntegerType, false)
      .add("char_end", DataTypes.IntegerType, false)
      .add("is_content", DataTypes.BooleanType, false)
      .add("report_year", DataTypes.IntegerType, true);

  private final Tokenizer tokenizer;

  public TokenizeSentences(TokenFilter filter) {
    this.tokenizer = Tokenizer.withFilter(filter);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> sentences) {
    TokenFilter filter = tokenizer.filter();
    return new Iterator<>() {
      private final Deque<Row> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && sentences.hasNext()) {
          Row s = sentences.next();
          String docId = s.getString(0);
          String sectionId = s.getString(1);
          int idx = s.getInt(2);
          String text = s.getString(3);
          int offset = s.getInt(4);
          Integer year = s.isNullAt(5) ? null : s.getInt(5);
          for (Token t : tokenizer.tokenize(text)) {
            pending.add(RowFactory.create(docId, sectionId, idx, t.term(), t.pos(),
                offset + t.charStart(), offset + t.charEnd(), filter.test(t), year));
          }
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }
}
