package dev.cairn.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reader for Debian's RFC822-like control format (deb822): Packages, Release and *.sources files.
 *
 * <p>Stanzas are separated by blank lines; a line starting with a space or tab continues the
 * previous field; lines starting with '#' are comments (allowed in apt's *.sources files).
 * Field names are case-insensitive. A multi-line value keeps one line per line, trimmed.
 */
public final class Deb822 {

  private Deb822() {}

  /** One stanza: field name (case-insensitive) to value. */
  public static final class Stanza {
    private final Map<String, String> fields;

    Stanza(Map<String, String> fields) {
      this.fields = Collections.unmodifiableMap(fields);
    }

    /** The field's value, or null if absent. */
    public String get(String name) {
      return fields.get(name);
    }

    /** The field's value, or {@code fallback} if absent. */
    public String get(String name, String fallback) {
      return fields.getOrDefault(name, fallback);
    }

    public Map<String, String> fields() {
      return fields;
    }
  }

  /** Reads all stanzas. */
  public static List<Stanza> parse(BufferedReader in) throws IOException {
    List<Stanza> out = new ArrayList<>();
    forEach(in, out::add);
    return out;
  }

  /** Streams stanzas to {@code sink} one by one, so a large Packages file is never held whole. */
  public static void forEach(BufferedReader in, Consumer<Stanza> sink) throws IOException {
    Map<String, String> fields = newFields();
    String currentName = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          sink.accept(new Stanza(fields));
          fields = newFields();
        }
        currentName = null;
      } else if (line.startsWith("#")) {
        continue;
      } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (currentName != null) {
          String previous = fields.get(currentName);
          String more = line.trim();
          // A lone "." stands for an empty line inside a long description.
          fields.put(currentName, previous.isEmpty() ? more : previous + "\n" + more);
        }
      } else {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        currentName = line.substring(0, colon).trim();
        fields.put(currentName, line.substring(colon + 1).trim());
      }
    }
    if (!fields.isEmpty()) {
      sink.accept(new Stanza(fields));
    }
  }

  private static Map<String, String> newFields() {
    return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  }
}
