package dev.cairn.machine;

import dev.cairn.state.StateDescription;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import java.io.DataInput;
import java.io.IOException;

/**
 * One piece of the machine's state as the savevm stream names it: a device (or the hart, or the
 * board) with its instance number and the description that saves and loads it.
 */
public record StateSection<T>(String name, int instance, StateDescription<T> description, T object) {

  public int version() {
    return description.version();
  }

  public int minimumVersion() {
    return description.minimumVersion();
  }

  /** The state as the payload of a FULL record. Call with the vCPU stopped. */
  public byte[] save() {
    return StateWriter.toBytes(description, object);
  }

  /** Loads a payload written at {@code version}; the object is unchanged if it is refused. */
  public void load(DataInput payload, int version) throws IOException {
    StateReader.load(description, object, payload, version);
  }
}
