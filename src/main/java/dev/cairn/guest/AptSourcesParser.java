package dev.cairn.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses apt's two source formats: one-line {@code sources.list} and deb822 {@code *.sources}. */
public final class AptSourcesParser {

  private AptSourcesParser() {}

  /**
   * Parses one-line format: {@code deb [options] uri suite component...}; '#' starts a comment.
   */
  public static List<AptSourceEntry> parseOneLine(String text) {
    List<AptSourceEntry> out = new ArrayList<>();
    for (String raw : text.split("\\R")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
      if (line.isEmpty()) {
        continue;
      }
      // Options sit in square brackets after the type: "deb [arch=amd64 signed-by=...] uri ...".
      String withoutOptions = line.replaceAll("\\[[^\\]]*\\]", " ");
      String[] words = withoutOptions.trim().split("\\s+");
      if (words.length < 3) {
        continue;
      }
      out.add(new AptSourceEntry(
          List.of(words[0]),
          List.of(words[1]),
          List.of(words[2]),
          Arrays.asList(words).subList(3, words.length),
          true));
    }
    return out;
  }

  /** Parses deb822 format; several stanzas per file, "Enabled: no" marks a disabled one. */
  public static List<AptSourceEntry> parseDeb822(String text) throws IOException {
    List<AptSourceEntry> out = new ArrayList<>();
    for (Deb822.Stanza s : Deb822.parse(new BufferedReader(new StringReader(text)))) {
      String enabled = s.get("Enabled", "yes").trim();
      out.add(new AptSourceEntry(
          words(s.get("Types")),
          words(s.get("URIs")),
          words(s.get("Suites")),
          words(s.get("Components")),
          !enabled.equalsIgnoreCase("no")));
    }
    return out;
  }

  private static List<String> words(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.trim().split("\\s+"));
  }
}
