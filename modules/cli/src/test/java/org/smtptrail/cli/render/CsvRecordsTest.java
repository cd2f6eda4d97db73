package org.smtptrail.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CsvRecords}: no cell a spreadsheet would run as a formula (OWASP's CSV injection rule). */
class CsvRecordsTest {
  @Test
  void aCellStartingLikeAFormulaIsWrittenAsText() throws Exception {
    List<String> hostile = List.of("=cmd|'/c calc'!A1@evil.example", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB",
        "\rCR", "550 =HYPERLINK(\"http://evil.example\")", "plain@example.net", "");
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < hostile.size(); i++) {
      record.put("c" + i, hostile.get(i));
    }
    record.put("number", -5);
    StringWriter out = new StringWriter();
    CsvRecords.write(record.keySet(), List.of(record), new PrintWriter(out));

    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> lines = csv.readerForListOf(String.class).readValues(out.toString())) {
      List<List<String>> read = lines.readAll();
      List<String> cells = read.get(1);
      assertThat(cells.subList(0, 6)).allSatisfy(cell -> assertThat(cell).startsWith("'"));
      assertThat(cells.subList(0, 6)).extracting(cell -> cell.substring(1)).isEqualTo(hostile.subList(0, 6));
      assertThat(cells.get(6)).as("a formula inside the text is no formula").isEqualTo(hostile.get(6));
      assertThat(cells.get(7)).isEqualTo("plain@example.net");
      assertThat(cells.get(8)).isEmpty();
      assertThat(cells.get(9)).as("numbers stay numbers").isEqualTo("-5");
    }
  }
}
