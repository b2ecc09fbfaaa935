package dev.cairn.ui.display;

import dev.cairn.hw.display.DisplayListener;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.display.Rect;
import dev.cairn.ui.runtime.VmInstance;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Display tab: the guest's framebuffer, scaled to fit (crisp, no smoothing) or 1:1 in a
 * scroll pane, redrawn from the dirty rectangle only, once per frame at most. While the picture
 * has the keyboard (click it), keys and the absolute pointer go to the guest; Ctrl+Alt gives the
 * keyboard back. "Send key" types combos the desktop would catch. A placeholder says why there
 * is no picture (powered off, no display device).
 */
public final class DisplayView {

  private final DisplayViewModel model = new DisplayViewModel();
  private final BorderPane root = new BorderPane();
  private final StackPane center = new StackPane();
  private final VBox placeholder;
  private final Label title = new Label();
  private final Label detail = new Label();
  private final Label hint = new Label();
  private final ImageView screen = new ImageView();
  private final StackPane screenHolder = new StackPane(screen);
  private final ScrollPane scroller = new ScrollPane();
  private final AtomicBoolean damaged = new AtomicBoolean();
  private final AnimationTimer renderer;
  private dev.cairn.hw.display.DisplayView subscription;
  private WritableImage image;
  private int[] pixels = new int[0];
  private int width;
  private int height;
  private long framesDrawn;

  public DisplayView() {
    root.getStyleClass().add("display-view");
    FontIcon icon = new FontIcon("mdi2m-monitor-off");
    icon.getStyleClass().add("placeholder-icon");
    title.getStyleClass().add("placeholder-title");
    detail.getStyleClass().add("placeholder");
    detail.setWrapText(true);
    placeholder = new VBox(10, icon, title, detail);
    placeholder.setAlignment(Pos.CENTER);
    placeholder.setMaxWidth(520);
    screen.setSmooth(false);
    screen.setPreserveRatio(true);
    screenHolder.setFocusTraversable(true);
    screenHolder.setMinSize(0, 0);
    center.setMinSize(0, 0);
    screenHolder.getStyleClass().add("display-screen");
    scroller.setPannable(false);
    scroller.getStyleClass().add("display-scroller");
    root.setTop(toolbar());
    root.setCenter(center);
    wireInput();
    model.scaleToFit().addListener((o, was, now) -> layoutScreen());
    center.widthProperty().addListener((o, was, now) -> fit());
    center.heightProperty().addListener((o, was, now) -> fit());
    renderer = new AnimationTimer() {
      @Override
      public void handle(long now) {
        if (damaged.getAndSet(false)) {
          redraw();
        }
      }
    };
    showPlaceholder(false, false);
  }

  private HBox toolbar() {
    ToggleButton fit = new ToggleButton("Scale to fit", new FontIcon("mdi2f-fit-to-screen"));
    fit.selectedProperty().bindBidirectional(model.scaleToFit());
    MenuButton send = new MenuButton("Send key", new FontIcon("mdi2k-keyboard"));
    for (String combo : DisplayViewModel.SEND_KEYS) {
      MenuItem item = new MenuItem(label(combo));
      item.setOnAction(e -> model.sendKeys(combo));
      send.getItems().add(item);
    }
    hint.getStyleClass().add("display-hint");
    hint.textProperty().bind(javafx.beans.binding.Bindings.when(model.grabbed())
        .then(DisplayViewModel.RELEASE_HINT).otherwise("Click the screen to type into the guest"));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(8, fit, send, gap, hint);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("display-toolbar");
    bar.disableProperty().bind(model.surface().isNull());
    return bar;
  }

  private static String label(String combo) {
    StringBuilder s = new StringBuilder();
    for (String part : combo.split("-")) {
      if (s.length() > 0) {
        s.append('+');
      }
      s.append(part.length() <= 3 ? part.toUpperCase() : Character.toUpperCase(part.charAt(0))
          + part.substring(1));
    }
    return s.toString().replace("CTRL", "Ctrl").replace("ALT", "Alt");
  }

  private void wireInput() {
    screenHolder.addEventFilter(KeyEvent.ANY, e -> {
      if (e.getEventType() == KeyEvent.KEY_TYPED) {
        e.consume();
        return;
      }
      boolean pressed = e.getEventType() == KeyEvent.KEY_PRESSED;
      if (model.key(e.getCode(), pressed, e.isControlDown(), e.isAltDown())) {
        root.requestFocus();
      }
      e.consume();
    });
    screenHolder.focusedProperty().addListener((o, was, now) -> {
      model.grabbed().set(now);
      if (!now) {
        model.releaseAll();
      }
    });
    screen.addEventHandler(MouseEvent.MOUSE_MOVED, this::pointer);
    screen.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::pointer);
    screen.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
      pointer(e);
      model.button(e.getButton(), true);
    });
    // A click anywhere on the screen area grabs the keyboard; consumed so that no container
    // (tab pane, scroll pane) takes the focus back on its way up.
    screenHolder.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
      screenHolder.requestFocus();
      e.consume();
    });
    screen.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> model.button(e.getButton(), false));
    screen.addEventHandler(ScrollEvent.SCROLL, e -> {
      model.wheel((int) Math.signum(e.getDeltaY()));
      e.consume();
    });
  }

  /** Maps a view position to surface pixels, whatever the scale. */
  private void pointer(MouseEvent e) {
    double scale = screen.getBoundsInLocal().getWidth() / Math.max(1, width);
    model.pointer(e.getX() / scale, e.getY() / scale);
  }

  /** Shows {@code vm}'s display (or a placeholder); {@code running}: whether the VM is on. */
  public void show(VmInstance vm, boolean running) {
    DisplaySurface surface = vm == null ? null : vm.machine().display().orElse(null);
    if (surface == model.surface().get() && surface != null) {
      return;
    }
    detach();
    if (surface == null) {
      model.attach(null, null);
      showPlaceholder(running, vm != null);
      return;
    }
    model.attach(surface, vm.machine().input());
    width = -1;
    subscription = surface.subscribe(new DisplayListener() {
      @Override
      public void damaged() {
        damaged.set(true);
      }
    });
    damaged.set(true);
    renderer.start();
    layoutScreen();
  }

  /** Updates the placeholder text when the VM starts or stops without a display change. */
  public void showState(VmInstance vm, boolean running) {
    if (model.surface().get() == null) {
      showPlaceholder(running, vm != null);
    }
  }

  private void detach() {
    renderer.stop();
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    image = null;
    screen.setImage(null);
  }

  private void showPlaceholder(boolean running, boolean started) {
    if (running) {
      title.setText("No display device");
      detail.setText("This VM has no framebuffer; its console is the serial port. "
          + "Open the Serial tab to use it.");
    } else {
      title.setText("The VM is powered off");
      detail.setText("Start it with the Start button; its screen will appear here.");
    }
    center.getChildren().setAll(placeholder);
  }

  private void layoutScreen() {
    if (model.surface().get() == null) {
      return;
    }
    if (model.scaleToFit().get()) {
      scroller.setContent(null);
      center.getChildren().setAll(screenHolder);
    } else {
      scroller.setContent(screenHolder);
      center.getChildren().setAll(scroller);
    }
    fit();
  }

  private void fit() {
    if (model.scaleToFit().get() && width > 0) {
      // A few pixels spare for the focus border.
      double scale = Math.min((center.getWidth() - 4) / width, (center.getHeight() - 4) / height);
      // Whole-number scales keep pixels crisp when the window is big enough.
      scale = scale >= 1 ? Math.floor(scale) : scale;
      screen.setFitWidth(width * scale);
      screen.setFitHeight(height * scale);
    } else {
      screen.setFitWidth(0);
      screen.setFitHeight(0);
    }
  }

  /** Copies the dirty rectangle into the image (whole surface after a size change). */
  private void redraw() {
    if (subscription == null) {
      return;
    }
    DisplaySurface surface = model.surface().get();
    while (true) {
      if (width != surface.width() || height != surface.height() || image == null) {
        Rect bounds = surface.bounds();
        width = bounds.width();
        height = bounds.height();
        if (width == 0 || height == 0) {
          screen.setImage(null);
          image = null;
          return;
        }
        pixels = new int[width * height];
        image = new WritableImage(width, height);
        screen.setImage(image);
        fit();
      }
      Rect area = subscription.copyDirty(pixels, width, height);
      if (area == null) {
        width = -1;
        continue;
      }
      if (!area.isEmpty()) {
        // Guest pixels may carry no alpha; the screen is always opaque.
        for (int row = area.y(); row < area.y() + area.height(); row++) {
          int start = row * width + area.x();
          for (int i = start; i < start + area.width(); i++) {
            pixels[i] |= 0xff000000;
          }
        }
        image.getPixelWriter().setPixels(area.x(), area.y(), area.width(), area.height(),
            PixelFormat.getIntArgbInstance(), pixels, area.y() * width + area.x(), width);
        framesDrawn++;
      }
      return;
    }
  }

  public Parent root() {
    return root;
  }

  public DisplayViewModel model() {
    return model;
  }

  /** The picture shown, or null (for tests and thumbnails). */
  public Image image() {
    return image;
  }

  /** How many redraws copied changed pixels (for tests). */
  public long framesDrawn() {
    return framesDrawn;
  }
}
