package dev.cairn.ui.details;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Details tab's sample histories, without a screen. */
class DetailsViewModelTest {

  private final DetailsViewModel model = new DetailsViewModel();

  @Test
  void dirtyRateKeepsTheLastMinuteAndSkipsTheSampleWithoutAnInterval() {
    model.addDirtySample(-1);
    assertEquals(List.of(), model.dirtyPages(), "the first sample only started logging");
    for (int i = 0; i < DetailsViewModel.HISTORY + 5; i++) {
      model.addDirtySample(i);
    }
    assertEquals(DetailsViewModel.HISTORY, model.dirtyPages().size());
    assertEquals(5.0, model.dirtyPages().get(0), "the oldest samples went first");
    assertEquals(DetailsViewModel.HISTORY + 4.0,
        model.dirtyPages().get(DetailsViewModel.HISTORY - 1));
  }

  @Test
  void speedIsInMipsAndAStoppedVmCountsAsZero() {
    model.addSample(150e6);
    model.addSample(-1);
    assertEquals(List.of(150.0, 0.0), model.mips());
  }

  @Test
  void showingAnotherVmStartsBothHistoriesAfresh() {
    model.addSample(1e6);
    model.addDirtySample(10);
    model.show(null, -1);
    assertEquals(List.of(), model.mips());
    assertEquals(List.of(), model.dirtyPages());
  }
}
