package dev.cairn.ui;

import java.util.concurrent.Executor;

/**
 * Where view models publish changes: the JavaFX Application Thread in the app, the calling thread
 * in unit tests (so view models are tested without a toolkit).
 */
@FunctionalInterface
public interface UiThread extends Executor {

  /** Runs each task at once on the calling thread; for tests and for code already on the UI thread. */
  UiThread DIRECT = Runnable::run;
}
