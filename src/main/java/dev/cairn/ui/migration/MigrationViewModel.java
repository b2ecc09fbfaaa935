package dev.cairn.ui.migration;

import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.controller.MigrationException;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationListener;
import dev.cairn.migration.controller.MigrationOptions;
import dev.cairn.migration.controller.MigrationParameters;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.runtime.VmInstance;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One outgoing live migration of one VM: the form (destination, optional bandwidth and downtime
 * limits) and the progress the controller reports.
 *
 * <p>Progress comes only from the controller's listeners, handed to {@code ui}; the FX thread never
 * polls or waits. Controller calls run on the VM's control thread. The bar is the dirty pages left
 * in this pass against the most seen in this migration, so it can grow again when the guest
 * re-dirties memory.
 */
public final class MigrationViewModel {

  private final UiThread ui;
  private final StringProperty destination = new SimpleStringProperty("");
  private final StringProperty maxBandwidth = new SimpleStringProperty("");
  private final StringProperty downtimeLimit = new SimpleStringProperty("");
  private final ObjectProperty<MigrationInfo> info = new SimpleObjectProperty<>(MigrationInfo.NONE);
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final DoubleProperty remainingFraction = new SimpleDoubleProperty(-1);
  private final StringProperty statusText = new SimpleStringProperty("");
  private final StringProperty detailText = new SimpleStringProperty("");
  private final StringProperty result = new SimpleStringProperty("");
  private long maxRemainingPages;

  public MigrationViewModel(UiThread ui) {
    this.ui = ui;
  }

  /** {@code host:port} of a Cairn or QEMU waiting with {@code -incoming tcp:...}. */
  public StringProperty destination() {
    return destination;
  }

  /** Optional; a size per second, MiB by default ({@code 100}, {@code 512K}); blank: default. */
  public StringProperty maxBandwidth() {
    return maxBandwidth;
  }

  /** Optional; milliseconds the final pause may last; blank: default. */
  public StringProperty downtimeLimit() {
    return downtimeLimit;
  }

  /**
   * What is wrong with the form, or "" when it can start.
   */
  public String problem() {
    String target = destination.get().trim();
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      return "Destination must be host:port, for example 192.168.1.20:4444";
    }
    try {
      int port = Integer.parseInt(target.substring(colon + 1));
      if (port < 1 || port > 65535) {
        return "Port must be 1 to 65535";
      }
    } catch (NumberFormatException e) {
      return "Port must be a number: " + target.substring(colon + 1);
    }
    try {
      apply(new MigrationParameters());
    } catch (MigrationException e) {
      return e.getMessage();
    }
    return "";
  }

  /** Sets the form's limits on {@code parameters}; blank fields restore the defaults. */
  private void apply(MigrationParameters parameters) throws MigrationException {
    String bandwidth = maxBandwidth.get().trim();
    String downtime = downtimeLimit.get().trim();
    if (bandwidth.isEmpty()) {
      parameters.set("max-bandwidth", MigrationParameters.DEFAULT_MAX_BANDWIDTH);
    } else {
      parameters.set("max-bandwidth", bandwidth);
    }
    if (downtime.isEmpty()) {
      parameters.set("downtime-limit", MigrationParameters.DEFAULT_DOWNTIME_LIMIT_MS);
    } else {
      parameters.set("downtime-limit", downtime);
    }
  }

  /**
   * Starts migrating {@code vm} to the form's destination. Returns at once; a form problem or a
   * refusal by the controller ends as a failed result.
   */
  public void start(VmInstance vm) {
    String problem = problem();
    if (!problem.isEmpty()) {
      result.set("Cannot migrate: " + problem);
      return;
    }
    String uri = "tcp:" + destination.get().trim();
    maxRemainingPages = 0;
    remainingFraction.set(-1);
    result.set("");
    running.set(true);
    show(MigrationInfo.NONE.withStatus(MigrationStatus.SETUP, null));
    MigrationController controller = vm.migration();
    vm.control().execute(() -> {
      MigrationListener listener = new MigrationListener() {
        @Override
        public void statusChanged(MigrationInfo now) {
          ui.execute(() -> show(now));
          if (now.status().isFinal()) {
            controller.removeListener(this);
          }
        }

        @Override
        public void progress(MigrationInfo now) {
          ui.execute(() -> show(now));
        }
      };
      try {
        apply(controller.parameters());
        controller.addListener(listener);
        controller.start(uri, MigrationOptions.DEFAULT);
      } catch (MigrationException | RuntimeException e) {
        controller.removeListener(listener);
        ui.execute(() -> show(MigrationInfo.NONE.withStatus(MigrationStatus.FAILED,
            e.getMessage())));
      }
    });
  }

  /** Cancels the running migration; the VM keeps running here. */
  public void cancel(VmInstance vm) {
    vm.control().execute(vm.migration()::cancel);
  }

  private void show(MigrationInfo now) {
    info.set(now);
    MigrationStatus status = now.status();
    long pages = now.remainingBytes() / MigrationInfo.PAGE_SIZE;
    maxRemainingPages = Math.max(maxRemainingPages, pages);
    if (status == MigrationStatus.ACTIVE || status == MigrationStatus.DEVICE) {
      remainingFraction.set(maxRemainingPages == 0 ? 0
          : 1.0 - (double) pages / maxRemainingPages);
    }
    statusText.set(describe(now));
    detailText.set(status.isRunning() ? String.format(
        "Pass %d · %,d dirty pages (%.1f MiB) left · %s · expected downtime %d ms",
        Math.max(1, now.dirtySyncCount()), pages, now.remainingBytes() / 1048576.0,
        rate(now.mbps()), now.expectedDowntimeMillis()) : "");
    if (status.isFinal()) {
      running.set(false);
      remainingFraction.set(status == MigrationStatus.COMPLETED ? 1 : 0);
      result.set(switch (status) {
        case COMPLETED -> String.format("Migrated in %d ms (downtime %d ms); the VM now runs"
            + " at the destination", now.totalTimeMillis(), now.downtimeMillis());
        case CANCELLED -> "Migration cancelled; the VM keeps running here";
        default -> "Migration failed: " + now.errorDescription()
            + "; the VM keeps running here";
      });
    }
  }

  /** Megabits per second (QEMU's "throughput") as MiB/s, or KiB/s on a slow link. */
  static String rate(double mbps) {
    double bytes = mbps * 1e6 / 8;
    return bytes >= 1048576 ? String.format("%.1f MiB/s", bytes / 1048576)
        : String.format("%.0f KiB/s", bytes / 1024);
  }

  private static String describe(MigrationInfo now) {
    return switch (now.status()) {
      case SETUP -> "Connecting…";
      case ACTIVE -> "Copying memory while the guest runs";
      case DEVICE -> "Final pass: guest paused";
      case CANCELLING -> "Cancelling…";
      case COMPLETED -> "Completed";
      case CANCELLED -> "Cancelled";
      case FAILED -> "Failed";
      default -> "";
    };
  }

  /** The latest snapshot the controller reported. */
  public ObjectProperty<MigrationInfo> info() {
    return info;
  }

  /** True from start until completed, failed or cancelled. */
  public BooleanProperty running() {
    return running;
  }

  /** 0 to 1: how much of the most dirty pages seen has been sent; -1 before the first pass. */
  public DoubleProperty remainingFraction() {
    return remainingFraction;
  }

  /** One line: what the migration does now. */
  public StringProperty statusText() {
    return statusText;
  }

  /** Pass, dirty pages and MiB left, MiB/s, expected downtime; "" when not running. */
  public StringProperty detailText() {
    return detailText;
  }

  /** How it ended ("" while running): completed, cancelled or failed with the reason. */
  public StringProperty result() {
    return result;
  }
}
