package org.smtptrail.core.event;

/**
 * Where a delivery attempt went: a remote server {@code name[address]:port}, or a local transport ("local",
 * "virtual", "none") with no address.
 *
 * @param name    host name, or the transport word for local deliveries
 * @param address IP address, or null
 * @param port    TCP port, or -1
 */
public record Relay(String name, String address, int port) {
  @Override
  public String toString() {
    if (address == null) {
      return name;
    }
    return name + "[" + address + "]" + (port >= 0 ? ":" + port : "");
  }
}
