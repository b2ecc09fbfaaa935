package dev.cairn.cli;

import dev.cairn.monitor.CairnVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cairn} command: picks a subcommand and turns every failure into a message. */
@Command(
    name = "cairn",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A VM manager with its own RISC-V emulator core.")
public final class Main implements Callable<Integer> {

  /** Exit status for anything the user must fix. */
  static final int USAGE = 1;

  private final CliContext context;

  private Main(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(execute(args, CliContext.system()));
  }

  /** Runs one command line and returns the exit status; never exits the JVM and never throws. */
  static int execute(String[] args, CliContext context) {
    CommandLine line = new CommandLine(new Main(context));
    CommandLine run = new CommandLine(new RunCommand(context));
    // Every word after "run" is QEMU's, even those that look like picocli options.
    run.setUnmatchedOptionsArePositionalParams(true);
    line.addSubcommand(run);
    line.addSubcommand(
        new CommandLine(new ImagesCommand(context))
            .addSubcommand(new ImagesCommand.Fetch(context)));
    line.addSubcommand(new GuiCommand(context));
    line.addSubcommand(StreamCommand.commandLine(context));
    line.addSubcommand(ImgCommand.commandLine(context));
    line.setExpandAtFiles(false);
    line.setOut(new PrintWriter(context.out(), true));
    line.setErr(new PrintWriter(context.err(), true));
    line.setParameterExceptionHandler(
        (e, words) -> {
          context.err().println("cairn: " + e.getMessage());
          context.err().println("Try 'cairn --help'.");
          return USAGE;
        });
    line.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, context));
    return line.execute(args);
  }

  private static int failure(Exception e, CliContext context) {
    if (e instanceof CliException) {
      context.err().println("cairn: " + e.getMessage());
    } else if (e instanceof InterruptedException) {
      context.err().println("cairn: interrupted");
    } else if (e instanceof UnsupportedOperationException) {
      context.err().println("cairn: the emulator core is not complete in this build yet");
    } else {
      // A bug: say what it was in one line; CAIRN_DEBUG=1 shows where.
      context.err().println("cairn: internal error: " + e);
      if (System.getenv("CAIRN_DEBUG") != null) {
        e.printStackTrace(context.err());
      }
    }
    return USAGE;
  }

  @Override
  public Integer call() {
    context.err().println("cairn: give a command: run, images fetch or gui (see 'cairn --help')");
    return USAGE;
  }

  /** Shows Cairn's version for {@code cairn --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cairn " + CairnVersion.VERSION};
    }
  }
}
