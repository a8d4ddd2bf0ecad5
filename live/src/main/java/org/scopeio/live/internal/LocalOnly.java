package org.scopeio.live.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Serves only this computer's own browser. The server is bound to 127.0.0.1, so other computers
 * cannot connect at all; this filter adds what binding cannot: it refuses requests whose peer is
 * not a loopback address (403), requests without a {@code Host} header (400, as HTTP/1.1 requires;
 * answered here so that the result does not depend on the JDK update, since only later JDK 17
 * updates refuse them themselves), requests whose {@code Host} is not 127.0.0.1 or localhost on our
 * port (403; a web page elsewhere that rebinds its own name to 127.0.0.1 sends its own host name),
 * and anything but GET and HEAD (405).
 */
public final class LocalOnly extends Filter {
  private final Set<String> hosts;
  private final String home;

  public LocalOnly(int port) {
    this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    this.home = "http://127.0.0.1:" + port + "/";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    InetSocketAddress peer = exchange.getRemoteAddress();
    String host = exchange.getRequestHeaders().getFirst("Host");
    String method = exchange.getRequestMethod();
    if (peer == null || !peer.getAddress().isLoopbackAddress()) {
      refuse(exchange, 403, "the live view serves this computer only");
    } else if (host == null) {
      refuse(exchange, 400, "the request has no Host header; open " + home);
    } else if (!hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
      refuse(exchange, 403, "unexpected Host header " + host + "; open " + home);
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      refuse(exchange, 405, "the live view only answers GET and HEAD");
    } else {
      chain.doFilter(exchange);
    }
  }

  private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
    Responses.text(exchange, status, message + "\n");
  }

  @Override
  public String description() {
    return "loopback peers, local Host header, GET and HEAD only";
  }
}
