package dev.cairn.guest;

import java.util.List;

/** One apt source: its types ("deb", "deb-src"), URIs, suites and components. */
public record AptSourceEntry(
    List<String> types, List<String> uris, List<String> suites, List<String> components,
    boolean enabled) {

  public AptSourceEntry {
    types = List.copyOf(types);
    uris = List.copyOf(uris);
    suites = List.copyOf(suites);
    components = List.copyOf(components);
  }
}
