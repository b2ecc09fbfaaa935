package dev.cairn.memory;

/** A device or loader touched guest-physical memory outside RAM. */
public final class GuestMemoryException extends RuntimeException {

  private final long address;

  public GuestMemoryException(long address, long length) {
    super(String.format("guest-physical range 0x%x+%d is outside RAM", address, length));
    this.address = address;
  }

  public long address() {
    return address;
  }
}
