package dev.cairn.ui.main;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the window remembers between runs: size and position, the library/tabs split, the last
 * selected VM and the theme. Stored as JSON; a missing or damaged file gives the defaults.
 */
public record UiSettings(
    double x, double y, double width, double height, boolean maximized,
    double divider, String lastVmId, boolean darkTheme, int lastTab) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static final UiSettings DEFAULTS =
      new UiSettings(Double.NaN, Double.NaN, 1280, 800, false, 0.24, null, false, 1);

  public static UiSettings load(Path file) {
    if (!Files.isRegularFile(file)) {
      return DEFAULTS;
    }
    try {
      return JSON.readValue(file.toFile(), UiSettings.class);
    } catch (IOException e) {
      return DEFAULTS;
    }
  }

  /** Writes the settings; failures are ignored (losing the window size is no reason to fail). */
  public void save(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // See above.
    }
  }
}
