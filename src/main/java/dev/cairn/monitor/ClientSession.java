package dev.cairn.monitor;

/**
 * One client's conversation on a {@link MonitorServer}: an HMP {@link MonitorSession} or a QMP
 * session. The server pushes received bytes in; the session writes its answers itself.
 */
public interface ClientSession {

  /** Sends what a new client sees first (banner and prompt, or the QMP greeting). */
  void greet();

  /** Takes bytes from the client; never throws for bad input. */
  void receive(byte[] data, int offset, int length);

  /** False once the session wants the client dropped (writing failed, protocol abuse). */
  boolean isOpen();

  /** The client is gone; release what the session holds (event subscriptions, queues). */
  default void closed() {}
}
