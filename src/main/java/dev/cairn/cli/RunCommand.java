package dev.cairn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn run}: boots a VM; its flags are QEMU's and are parsed by {@link QemuArgs}. */
@Command(
    name = "run",
    description = "Boot a VM. Takes qemu-system-riscv64's flags; see 'cairn run -help'.")
final class RunCommand implements Callable<Integer> {

  private final CliContext context;

  // picocli hands over every word untouched (see Main): QEMU's single-dash long flags do not
  // fit picocli's POSIX rules, so QemuArgs reads them.
  @Parameters(paramLabel = "QEMU-FLAG", arity = "0..*")
  private List<String> args = new ArrayList<>();

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws CliException, InterruptedException {
    RunSpec spec = QemuArgs.parse(args);
    if (spec.infoOnly != null) {
      context.out().print(spec.infoOnly);
      context.out().flush();
      return 0;
    }
    return new VmRunner(context).run(spec);
  }
}
