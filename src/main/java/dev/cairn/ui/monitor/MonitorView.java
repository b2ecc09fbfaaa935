package dev.cairn.ui.monitor;

import dev.cairn.ui.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

/**
 * The Monitor tab: transcript above, input line below. While the monitor is suspended the input
 * is disabled (greyed out) and a progress bar with the command's own progress line shows above
 * it.
 */
public final class MonitorView {

  @FXML private VBox root;
  @FXML private TextArea transcript;
  @FXML private VBox progressBox;
  @FXML private Label progressText;
  @FXML private TextField input;

  private final Parent view;

  public MonitorView(MonitorViewModel model) {
    view = Fxml.load("MonitorView", this);
    transcript.textProperty().bind(model.transcript());
    transcript.textProperty().addListener((o, old, now) -> transcript.setScrollTop(Double.MAX_VALUE));
    input.textProperty().bindBidirectional(model.input());
    input.disableProperty().bind(model.inputDisabled());
    progressBox.visibleProperty().bind(model.suspended());
    progressBox.managedProperty().bind(model.suspended());
    progressText.textProperty().bind(model.progressText());
    input.setOnAction(e -> model.submit());
    // A filter, so Tab completes instead of moving the focus.
    input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.UP) {
        model.historyUp();
        input.end();
        e.consume();
      } else if (e.getCode() == KeyCode.DOWN) {
        model.historyDown();
        input.end();
        e.consume();
      } else if (e.getCode() == KeyCode.TAB) {
        model.complete();
        input.end();
        e.consume();
      }
    });
    // Coming back from a suspension, the input gets the keyboard again.
    input.disabledProperty().addListener((o, was, now) -> {
      if (!now && root.getScene() != null) {
        input.requestFocus();
      }
    });
  }

  public Parent root() {
    return view;
  }

  public TextField input() {
    return input;
  }
}
