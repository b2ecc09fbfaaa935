package dev.cairn.ui.details;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Details tab: a table of the configuration above a live chart of guest MIPS. */
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

    NumberAxis x = new NumberAxis(-DetailsViewModel.HISTORY + 1, 0, 10);
    x.setLabel("seconds");
    NumberAxis y = new NumberAxis();
    y.setLabel("MIPS");
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setTitle("Guest instructions per second");
    chart.setLegendVisible(false);
    chart.setCreateSymbols(false);
    chart.setAnimated(false);
    chart.setPrefHeight(220);
    chart.setMinHeight(180);
    XYChart.Series<Number, Number> series = new XYChart.Series<>();
    chart.getData().add(series);
    model.mips().addListener((ListChangeListener<Double>) c -> {
      int n = model.mips().size();
      var points = new java.util.ArrayList<XYChart.Data<Number, Number>>(n);
      for (int i = 0; i < n; i++) {
        points.add(new XYChart.Data<>(i - n + 1, model.mips().get(i)));
      }
      series.getData().setAll(points);
    });
    root.getChildren().setAll(table, chart);
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
