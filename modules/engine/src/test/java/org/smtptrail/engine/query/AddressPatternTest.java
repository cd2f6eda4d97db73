package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Test;

class AddressPatternTest {
  @Test
  void exactAddressesMatchCaseInsensitivelyWithoutBrackets() {
    AddressPattern john = AddressPattern.of("<John@Example.NET>");
    assertThat(john.matches("john@example.net")).isTrue();
    assertThat(john.matches("JOHN@example.net")).isTrue();
    assertThat(john.matches("john@example.net.evil")).isFalse();
    assertThat(john.matches(null)).isFalse();
    assertThat(john.query("recipient", "recipient_domain")).isInstanceOf(TermQuery.class);
  }

  @Test
  void aDomainAloneIsEveryAddressAtExactlyThatDomainAndUsesTheDomainTerm() {
    AddressPattern domain = AddressPattern.of("@Example.net");
    assertThat(domain.matches("kim@example.net")).isTrue();
    assertThat(domain.matches("kim@mx.example.net")).isFalse();
    assertThat(domain.matches("kim@example.network")).isFalse();
    assertThat(domain.query("recipient", "recipient_domain").toString()).isEqualTo("recipient_domain:example.net");
    assertThat(AddressPattern.of("*@example.net").query("recipient", "recipient_domain").toString())
        .isEqualTo("recipient_domain:example.net");
    assertThat(AddressPattern.of("*@example.net").query("sender", null)).isInstanceOf(WildcardQuery.class);
  }

  @Test
  void starAndQuestionMarkAreTheOnlyWildcards() {
    assertThat(AddressPattern.of("k?m@example.net").matches("kim@example.net")).isTrue();
    assertThat(AddressPattern.of("k?m@example.net").matches("kiim@example.net")).isFalse();
    assertThat(AddressPattern.of("a*@*.org").matches("alice@mx.example.org")).isTrue();
    assertThat(AddressPattern.of("*").matches("")).isTrue();
    assertThat(AddressPattern.of("a*b*c").matches("aXbYbZc")).isTrue();
    assertThat(AddressPattern.of("a*b*c").matches("aXbYcZ")).isFalse();
    assertThat(AddressPattern.of("a* OR *:*").matches("alice@example.net")).isFalse();
    assertThat(AddressPattern.of("a* OR *:*").matches("a or b:c")).as("taken literally").isTrue();
    assertThat(AddressPattern.of("a\\*").matches("a\\xyz")).as("a backslash is literal").isTrue();
    assertThat(AddressPattern.of("[a-z]*@example.net").matches("alice@example.net")).isFalse();
    assertThat(AddressPattern.of("a.c@example.net").matches("abc@example.net")).isFalse();
  }
}
