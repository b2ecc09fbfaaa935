package dev.cairn.migration.stream;

/**
 * Names one section: a state description's name and which instance of it (0 for the first UART, 1
 * for the second).
 *
 * <p>Reference: QEMU {@code migration/savevm.c} ({@code idstr}, {@code instance_id}).
 */
public record SectionKey(String name, int instance) {

  @Override
  public String toString() {
    return instance == 0 ? "'" + name + "'" : "'" + name + "' instance " + instance;
  }
}
