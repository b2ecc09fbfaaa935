package dev.cairn.ui.details;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Details tab: the configuration above live charts of guest MIPS and pages dirtied. */
public final class DetailsView {

  private final VBox root = new VBox(10);

  public DetailsView(DetailsViewModel model) {
    root.getStyleClass().add("details-view");
    TableView<DetailsViewModel.Row> table = new TableView<>(model.rows());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Section", 110, DetailsViewModel.Row::section));
    table.getColumns().add(column("Item", 130, DetailsViewModel.Row::label));
    table.getColumns().add(column("Value", 500, DetailsViewModel.Row::value));
    VBox.setVgrow(table, Priority.ALWAYS);

    LineChart<Number, Number> speed = chart("Guest instructions per second", "MIPS",
        model.mips());
    LineChart<Number, Number> dirty = chart("Guest pages dirtied per second", "pages/s",
        model.dirtyPages());
    dirty.setId("dirty-rate-chart");
    HBox charts = new HBox(10, speed, dirty);
    HBox.setHgrow(speed, Priority.ALWAYS);
    HBox.setHgrow(dirty, Priority.ALWAYS);
    root.getChildren().setAll(table, charts);
  }

  /** A line chart of the last minute of {@code samples}, redrawn when they change. */
  private static LineChart<Number, Number> chart(String title, String unit,
      ObservableList<Double> samples) {
    NumberAxis x = new NumberAxis(-DetailsViewModel.HISTORY + 1, 0, 10);
    x.setLabel("seconds");
    NumberAxis y = new NumberAxis();
    y.setLabel(unit);
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setTitle(title);
    chart.setLegendVisible(false);
    chart.setCreateSymbols(false);
    chart.setAnimated(false);
    chart.setPrefHeight(220);
    chart.setMinHeight(180);
    chart.setPrefWidth(300);
    XYChart.Series<Number, Number> series = new XYChart.Series<>();
    chart.getData().add(series);
    samples.addListener((ListChangeListener<Double>) c -> {
      int n = samples.size();
      var points = new java.util.ArrayList<XYChart.Data<Number, Number>>(n);
      for (int i = 0; i < n; i++) {
        points.add(new XYChart.Data<>(i - n + 1, samples.get(i)));
      }
      series.getData().setAll(points);
    });
    return chart;
  }

  private static TableColumn<DetailsViewModel.Row, String> column(String title, double width,
      java.util.function.Function<DetailsViewModel.Row, String> value) {
    TableColumn<DetailsViewModel.Row, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setSortable(false);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    return column;
  }

  public Parent root() {
    return root;
  }
}
