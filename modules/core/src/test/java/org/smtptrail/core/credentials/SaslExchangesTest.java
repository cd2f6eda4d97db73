package org.smtptrail.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.core.credentials.Credentials.MASK;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's lines of an AUTH exchange are masked, whatever the mechanism and whichever marker a log gives each
 * side; nothing else is. Lines are written as Xeams writes them: "PREFIX [LCID] MARKER TEXT".
 */
class SaslExchangesTest {
  private static final String USER = Base64.getEncoder().encodeToString("joe@example.com".getBytes());
  private static final String PASSWORD = Base64.getEncoder().encodeToString("Hunter2".getBytes());
  private static final String PLAIN = Base64.getEncoder().encodeToString("\0joe@example.com\0Hunter2".getBytes());

  private final SaslExchanges exchanges = new SaslExchanges();

  /** A conversation line "2026-03-02 09:15:04,390 - [   LCID] MARKER TEXT", masked. */
  private String line(String lcid, String marker, String text) {
    String prefix = "2026-03-02 09:15:04,390 - [" + " ".repeat(Math.max(0, 10 - lcid.length())) + lcid + "] ";
    String line = prefix + marker + " " + text;
    String masked = exchanges.mask(lcid, line, marker, prefix.length() + marker.length() + 1);
    assertThat(masked).as("the prefix and marker are kept").startsWith(prefix + marker + " ");
    return masked.substring(prefix.length() + marker.length() + 1);
  }

  /** Xeams' outbound log: its own commands as "S &lt;--", the server's replies as "C --&gt;". */
  private List<String> outbound(String lcid, String... dialogue) {
    List<String> texts = new ArrayList<>();
    for (String text : dialogue) {
      texts.add(line(lcid, text.matches("\\d{3}([ -].*)?") ? "C -->" : "S <--", text));
    }
    return texts;
  }

  @Test
  void authLoginUserAndPasswordAfterTheChallengesAreMasked() {
    assertThat(outbound("7100001", "EHLO mail.example.com", "250-AUTH PLAIN LOGIN", "250 PIPELINING", "AUTH LOGIN",
        "334 VXNlcm5hbWU6", USER, "334 UGFzc3dvcmQ6", PASSWORD, "235 2.7.0 Authentication successful",
        "MAIL FROM:<joe@example.com>", "250 2.1.0 Ok"))
        .containsExactly("EHLO mail.example.com", "250-AUTH PLAIN LOGIN", "250 PIPELINING", "AUTH LOGIN",
            "334 VXNlcm5hbWU6", MASK, "334 UGFzc3dvcmQ6", MASK, "235 2.7.0 Authentication successful",
            "MAIL FROM:<joe@example.com>", "250 2.1.0 Ok");
    assertThat(exchanges.openExchanges()).isZero();
  }

  @Test
  void inboundLogWithTheClientAsCArrowIsReadTheSameWay() {
    assertThat(List.of(line("10975000", "C -->", "AUTH LOGIN"), line("10975000", "S <--", "334 VXNlcm5hbWU6"),
        line("10975000", "C -->", USER), line("10975000", "S <--", "334 UGFzc3dvcmQ6"),
        line("10975000", "C -->", PASSWORD), line("10975000", "S <--", "535 5.7.8 Authentication failed"),
        line("10975000", "C -->", "QUIT")))
        .containsExactly("AUTH LOGIN", "334 VXNlcm5hbWU6", MASK, "334 UGFzc3dvcmQ6", MASK,
            "535 5.7.8 Authentication failed", "QUIT");
  }

  @Test
  void initialResponsesOnTheAuthLineAreMaskedAndTheMechanismKept() {
    assertThat(outbound("1", "AUTH PLAIN " + PLAIN, "235 2.7.0 Ok", "MAIL FROM:<a@example.com>"))
        .containsExactly("AUTH PLAIN " + MASK, "235 2.7.0 Ok", "MAIL FROM:<a@example.com>");
    assertThat(outbound("2", "AUTH LOGIN " + USER, "334 UGFzc3dvcmQ6", PASSWORD, "235 2.7.0 Ok"))
        .containsExactly("AUTH LOGIN " + MASK, "334 UGFzc3dvcmQ6", MASK, "235 2.7.0 Ok");
  }

  @Test
  void plainWithTheResponseOnTheNextLineAndOtherMechanisms() {
    assertThat(outbound("1", "AUTH PLAIN", "334 ", PLAIN, "235 2.7.0 Ok"))
        .containsExactly("AUTH PLAIN", "334 ", MASK, "235 2.7.0 Ok");
    assertThat(outbound("2", "AUTH CRAM-MD5", "334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+",
        "am9lIDNkYmMyOGZmNmI2YjVlYjdhNzRiNjQ0ZjM5MmEzYmEy", "235 Authentication successful"))
        .containsExactly("AUTH CRAM-MD5", "334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+", MASK,
            "235 Authentication successful");
    assertThat(outbound("3", "AUTH XOAUTH2 dXNlcj1qb2UBYXV0aD1CZWFyZXIgeWEyOS52RjlkZnQ0cW1UYzJOdmIzUmxja0JoZEhS",
        "334 eyJzdGF0dXMiOiI0MDEifQ==", "", "535 5.7.8 Username and Password not accepted"))
        .containsExactly("AUTH XOAUTH2 " + MASK, "334 eyJzdGF0dXMiOiI0MDEifQ==", "",
            "535 5.7.8 Username and Password not accepted");
    assertThat(outbound("4", "AUTH SCRAM-SHA-256 biwsbj1qb2Uscj1meXdPQ2xl", "334 cj1meXdPQ2xlMmRhNGIz",
        "Yz1iaXdzLHI9Znl3T0NsZTJkYTRiMyxwPWRIekJ1",
        "334 dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==", "", "235 2.7.0 Ok"))
        .containsExactly("AUTH SCRAM-SHA-256 " + MASK, "334 cj1meXdPQ2xlMmRhNGIz", MASK,
            "334 dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==", "", "235 2.7.0 Ok");
  }

  @Test
  void aCancelIsKeptAndEndsTheExchangeWithTheServersReply() {
    assertThat(outbound("1", "AUTH LOGIN", "334 VXNlcm5hbWU6", "*", "501 5.7.0 Authentication aborted",
        "RCPT TO:<b@example.net>", "250 2.1.5 Ok"))
        .containsExactly("AUTH LOGIN", "334 VXNlcm5hbWU6", "*", "501 5.7.0 Authentication aborted",
            "RCPT TO:<b@example.net>", "250 2.1.5 Ok");
  }

  @Test
  void connectionsInterleaveEachWithItsOwnExchange() {
    List<String> texts = List.of(line("11", "S <--", "AUTH LOGIN"), line("12", "S <--", "MAIL FROM:<x@example.com>"),
        line("11", "C -->", "334 VXNlcm5hbWU6"), line("12", "C -->", "250 2.1.0 Ok"), line("11", "S <--", USER),
        line("12", "S <--", "RCPT TO:<y@example.net>"), line("11", "C -->", "334 UGFzc3dvcmQ6"),
        line("11", "S <--", PASSWORD), line("11", "C -->", "235 2.7.0 Ok"));
    assertThat(texts).containsExactly("AUTH LOGIN", "MAIL FROM:<x@example.com>", "334 VXNlcm5hbWU6",
        "250 2.1.0 Ok", MASK, "RCPT TO:<y@example.net>", "334 UGFzc3dvcmQ6", MASK, "235 2.7.0 Ok");
  }

  @Test
  void aLogThatStartsInsideAnExchangeMasksFromTheChallengeOn() {
    assertThat(outbound("1", "334 UGFzc3dvcmQ6", PASSWORD, "235 2.7.0 Ok", "MAIL FROM:<a@example.com>"))
        .containsExactly("334 UGFzc3dvcmQ6", MASK, "235 2.7.0 Ok", "MAIL FROM:<a@example.com>");
  }

  @Test
  void aMissingFinalReplyDoesNotHideTheMessagesCommands() {
    assertThat(outbound("1", "AUTH LOGIN", "334 VXNlcm5hbWU6", USER, "334 UGFzc3dvcmQ6", PASSWORD,
        "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.net>", "DATA", "QUIT"))
        .containsExactly("AUTH LOGIN", "334 VXNlcm5hbWU6", MASK, "334 UGFzc3dvcmQ6", MASK,
            "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.net>", "DATA", "QUIT");
  }

  @Test
  void aClientResponseThatLooksLikeAReplyCodeIsStillTheClients() {
    assertThat(List.of(line("1", "S <--", "AUTH LOGIN"), line("1", "C -->", "334 VXNlcm5hbWU6"),
        line("1", "S <--", "123"), line("1", "S <--", "250"), line("1", "C -->", "235 Ok")))
        .containsExactly("AUTH LOGIN", "334 VXNlcm5hbWU6", MASK, MASK, "235 Ok");
  }

  @Test
  void endForgetsAnOpenExchange() {
    line("1", "S <--", "AUTH LOGIN");
    assertThat(exchanges.isOpen("1")).isTrue();
    assertThat(exchanges.isOpen("2")).isFalse();
    exchanges.end("1");
    assertThat(exchanges.isOpen("1")).isFalse();
    assertThat(line("1", "S <--", "EHLO relay.example.com")).isEqualTo("EHLO relay.example.com");
    assertThat(exchanges.openExchanges()).isZero();
  }

  @Test
  void openExchangesAreBounded() {
    for (int i = 0; i < SaslExchanges.MAX_OPEN * 3; i++) {
      line(Integer.toString(i), "S <--", "AUTH LOGIN");
    }
    assertThat(exchanges.openExchanges()).isEqualTo(SaslExchanges.MAX_OPEN);
    String newest = Integer.toString(SaslExchanges.MAX_OPEN * 3 - 1);
    assertThat(line(newest, "S <--", USER)).as("the most recent exchanges are kept").isEqualTo(MASK);
  }

  @Test
  void oddLinesNeverThrow() {
    for (String odd : new String[] {"", " ", "AUTH", "auth ", "334", "3", "*", "AUTH LOGIN   "}) {
      assertThat(exchanges.mask("1", odd, null, 0)).isNotNull();
      assertThat(exchanges.mask("1", odd, "<<", 99)).isNotNull();
      assertThat(exchanges.mask("1", odd, null, -5)).isNotNull();
    }
  }
}
