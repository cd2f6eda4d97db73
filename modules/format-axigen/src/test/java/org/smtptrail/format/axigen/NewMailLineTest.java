package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewMailLineTest {
  @Test
  void everyFieldOfTheVerifiedShape() {
    String text = "New mail <506982069.7.1783322704734.JavaMail.zimbra@example.com> received from zimbra.example.com"
        + " (192.0.2.110) with envelope from <info@example.com>, recipients=2 (a@example.org, b@example.org),"
        + " size=2210, enqueued with id 2C2605";
    NewMailLine mail = NewMailLine.parse(text, 0);
    assertThat(mail).isEqualTo(new NewMailLine("<506982069.7.1783322704734.JavaMail.zimbra@example.com>",
        "zimbra.example.com[192.0.2.110]", "info@example.com", 2, List.of("a@example.org", "b@example.org"), 2210,
        "002C2605"));
  }

  @Test
  void missingFieldsAreNullButTheQueueIdIsRequired() {
    NewMailLine sparse = NewMailLine.parse("New mail received from somewhere, enqueued with id 06D13D", 0);
    assertThat(sparse.queueId()).isEqualTo("0006D13D");
    assertThat(sparse.messageId()).isNull();
    assertThat(sparse.sender()).isNull();
    assertThat(sparse.size()).isEqualTo(-1);
    assertThat(sparse.recipientCount()).isEqualTo(-1);
    assertThat(sparse.recipients()).isEmpty();
    assertThat(NewMailLine.parse("New mail <x@example.com> received from h (192.0.2.1), size=10", 0)).isNull();
    assertThat(NewMailLine.parse("New mail <x> enqueued with id XYZ", 0)).isNull();
  }

  @Test
  void theRecipientListIsReadWhateverItsSeparator() {
    // the separator of a longer list was never seen (format note E.2): commas, semicolons and blanks all separate
    assertThat(recipients("recipients=1 (dana@example.org)")).containsExactly("dana@example.org");
    assertThat(recipients("recipients=3 (a@example.org;b@example.org c@example.net)"))
        .containsExactly("a@example.org", "b@example.org", "c@example.net");
    assertThat(recipients("recipients=2 (<a@example.org>, <A@example.org>, a@example.org)"))
        .containsExactly("a@example.org");
    assertThat(recipients("recipients=2 (a@example.org, ...)")).containsExactly("a@example.org");
    assertThat(recipients("recipients=0 ()")).isEmpty();
    assertThat(recipients("recipients=1, size=9 (not@a-list.example)")).as("no list right after the count").isEmpty();
  }

  private static List<String> recipients(String list) {
    return NewMailLine.parse("New mail <m@example.com> received from h.example.com (192.0.2.1) with envelope from"
        + " <s@example.com>, " + list + ", size=10, enqueued with id 3A11C4", 0).recipients();
  }
}
