package org.smtptrail.store.opensearch;

import java.util.ArrayList;
import java.util.List;

/** The domain terms of an address, as the local store indexes them. */
final class Domains {
  private Domains() {}

  /**
   * The domain of a normalized address and each of its parents ("a@mx.example.net": mx.example.net, example.net,
   * net), so "example.net" finds "mx.example.net"; none without an '@'.
   */
  static List<String> andParents(String address) {
    List<String> domains = new ArrayList<>();
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return domains;
    }
    for (int domain = at + 1; domain < address.length(); ) {
      domains.add(address.substring(domain));
      int dot = address.indexOf('.', domain);
      if (dot < 0) {
        break;
      }
      domain = dot + 1;
    }
    return domains;
  }
}
