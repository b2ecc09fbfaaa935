package dev.cairn.ui.serial;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import dev.cairn.ui.runtime.VmInstance;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;

/**
 * The Serial tab: a terminal on the guest's UART while a VM runs, a placeholder otherwise.
 *
 * <p>The terminal (jeditermfx) understands the VT100/xterm sequences busybox and Linux use,
 * keeps 5 000 lines of scrollback, copies the selection with Ctrl+Shift+C and pastes with
 * Ctrl+Shift+V (its context menu offers both).
 */
public final class SerialView {

  private final StackPane root = new StackPane();
  private final Label placeholder = new Label("The VM is powered off. Start it to see its serial console.");
  private JediTermFxWidget widget;
  private SerialConnector connector;

  public SerialView() {
    root.getStyleClass().add("serial-view");
    placeholder.getStyleClass().add("placeholder");
    root.getChildren().setAll(placeholder);
  }

  public Node root() {
    return root;
  }

  /** Shows a terminal on {@code vm}'s serial port, or the placeholder for null. FX thread. */
  public void show(VmInstance vm) {
    closeTerminal();
    if (vm == null) {
      root.getChildren().setAll(placeholder);
      return;
    }
    widget = new JediTermFxWidget(80, 25, new Settings());
    connector = new SerialConnector(vm.serial(), vm::sendSerialInput);
    widget.setTtyConnector(connector);
    widget.start();
    root.getChildren().setAll(widget.getPane());
    widget.getPane().setOnMousePressed(e -> focus());
  }

  /** Gives the terminal the keyboard. */
  public void focus() {
    if (widget != null) {
      // The widget's key handlers sit on its canvas, not on the pane it calls focusable.
      widget.getTerminalPanel().getCanvas().requestFocus();
    }
  }

  /** All text the terminal holds, scrollback first (for tests and copy-all). */
  public String text() {
    if (widget == null) {
      return "";
    }
    TerminalTextBuffer buffer = widget.getTerminalTextBuffer();
    buffer.lock();
    try {
      return buffer.getHistoryBuffer().getLines() + "\n" + buffer.getScreenLines();
    } finally {
      buffer.unlock();
    }
  }

  private void closeTerminal() {
    if (connector != null) {
      connector.close();
      connector = null;
    }
    if (widget != null) {
      widget.close();
      widget = null;
    }
  }

  /**
   * Terminal look: a console's light-on-dark colours in both themes, a monospaced font the
   * desktop has, a size that reads well.
   */
  private static final class Settings extends DefaultSettingsProvider {
    @Override
    public TerminalColor getDefaultForeground() {
      return TerminalColor.rgb(0xd6, 0xd9, 0xde);
    }

    @Override
    public TerminalColor getDefaultBackground() {
      return TerminalColor.rgb(0x1b, 0x1d, 0x22);
    }

    @Override
    public TextStyle getDefaultStyle() {
      return new TextStyle(getDefaultForeground(), getDefaultBackground());
    }

    @Override
    public Font getTerminalFont() {
      return Font.font("DejaVu Sans Mono", getTerminalFontSize());
    }

    @Override
    public float getTerminalFontSize() {
      return 14;
    }

    @Override
    public int getBufferMaxLinesCount() {
      return 5_000;
    }
  }
}
