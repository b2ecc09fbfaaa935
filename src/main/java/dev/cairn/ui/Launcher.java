package dev.cairn.ui;

import javafx.application.Application;

/**
 * Starts {@link CairnApp}. A main class that does not extend {@code Application} lets JavaFX run
 * from the plain class path (and from a jpackage image) without the module-path launcher check.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(CairnApp.class, args);
  }
}
