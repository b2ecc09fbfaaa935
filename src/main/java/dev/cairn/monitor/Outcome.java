package dev.cairn.monitor;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What a command handler returns: done at once, or pending (the monitor is suspended).
 *
 * <p>While a command is pending its session interprets no new input (typed bytes wait in a
 * backlog), shows {@code progress} now and then, and prints the completion's text, or its failure
 * as {@code Error: ...}, before the next prompt. Only commands marked {@code maySuspend} in the
 * table may return {@link Pending}.
 */
public sealed interface Outcome permits Outcome.Done, Outcome.Pending {

  Outcome DONE = new Done();

  /** The command finished; its output is already in the invocation's buffer. */
  record Done() implements Outcome {}

  /**
   * The command goes on in the background.
   *
   * @param completion completes with text to print (may be empty) or fails with the error
   * @param progress one line describing how far it got, polled while suspended
   */
  record Pending(CompletionStage<String> completion, Supplier<String> progress)
      implements Outcome {}
}
