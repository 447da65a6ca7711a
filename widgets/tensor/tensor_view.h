// The Tensor dock's view. It knows nothing of the kernel: it is handed a tensor and slices of it
// and asks for the slices it needs.
//
// With a kernel (the studio wires it like this):
//   auto* view = new TensorView(dock);
//   view->setTensor(info);                       // summary: name, shape, dtype, device, stats
//   connect(view, &TensorView::sliceRequested, session,
//           [=](int rowAxis, int colAxis, QList<qint64> indices, qint64 maxElements) {
//             session->requestTensorSlice(view->info().name, rowAxis, colAxis, indices, maxElements);
//           });
//   connect(session, &DebugSession::tensorSliceArrived, view, &TensorView::setSlice);
//   connect(view, &TensorView::arrayRequested, ...);  // the image grid wants the whole tensor:
//                                                    // answer with setArray()
//   // at the next stop: view->setPrevious(view->slice()); view->setTensor(newInfo); ...
// Standalone (tests, output cards): view->setArray(TensorArray::make(name, shape, values)); the
// view then slices the array itself and emits no requests.
#pragma once
#include "widgets/tensor/slice_display.h"
#include "widgets/tensor/tensor_slice.h"
#include "widgets/theme/color_maps.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;

namespace kusari::widgets {

class SliceHeatmap;
class SlicePicker;
class SliceTableModel;
class TensorImageGrid;
class ValueHistogram;

class TensorView : public QWidget {
  Q_OBJECT
 public:
  enum class Mode { Heatmap, Images, Histogram, Table };
  enum class RangeMode { Auto, Symmetric, Manual };
  enum class ColorMapChoice { Auto, Sequential, Diverging };
  static constexpr qint64 kDefaultMaxElements = qint64(4096) * 4096;
  static constexpr qint64 kMaxDisplayCells = qint64(1024) * 1024;  // heatmap cells drawn
  static constexpr qint64 kSyncElements = qint64(256) * 1024;       // larger slices: off the UI thread
  static constexpr int kHistogramBins = 64;

  explicit TensorView(QWidget* parent = nullptr);
  ~TensorView() override;

  // A tensor from the kernel: shows its header and asks for its default slice. The same tensor
  // (name and shape) again keeps the chosen axes and indices.
  void setTensor(const TensorInfo& info);
  // A whole tensor in memory: the view slices it itself (no sliceRequested while it has one).
  void setArray(const TensorArray& array);
  // The answer to sliceRequested.
  void setSlice(const TensorSlice& slice);
  // The same slice of the same tensor at the previous stop, for "Δ vs previous stop".
  void setPrevious(const TensorSlice& slice);
  void setPreviousArray(const TensorArray& array);  // standalone: sliced like the current slice
  void setMaxElements(qint64 maxElements);

  void setMode(Mode mode);
  Mode mode() const;
  void setRangeMode(RangeMode mode);
  void setManualRange(double lo, double hi);
  void setColorMapChoice(ColorMapChoice choice);
  void setShowDifference(bool on);
  bool showDifference() const { return showDifference_; }
  bool differenceAvailable() const;
  void setRgb(bool rgb);

  bool exportPng(const QString& path, QString* error = nullptr) const;  // the current plot
  bool exportCsv(const QString& path, QString* error = nullptr) const;  // the shown slice

  const TensorInfo& info() const { return info_; }
  const TensorSlice& slice() const { return slice_; }          // as received
  const TensorSlice& shownSlice() const { return display_.slice; }  // Δ applied when on
  QString headerText() const;
  QString statusText() const;
  SlicePicker* picker() const { return picker_; }
  SliceHeatmap* heatmap() const { return heatmap_; }
  ValueHistogram* histogram() const { return histogram_; }
  TensorImageGrid* imageGrid() const { return grid_; }
  SliceTableModel* tableModel() const { return tableModel_; }
  QTableView* tableView() const { return table_; }
  void applyTheme();

 signals:
  void sliceRequested(int rowAxis, int colAxis, QList<qint64> indices, qint64 maxElements);
  void arrayRequested(qint64 maxElements);
  void displayUpdated();  // a slice is drawn (after the off-thread preparation for large ones)

 private:
  void buildControls();
  void requestSlice();
  void refresh();
  void showDisplay(const SliceDisplay& display);
  void applyColoring();
  void updateHeader();
  void updateDifferenceToggle();
  void setStatus(const QString& text);
  void onModeChanged();
  void exportDialog(bool png);

  TensorInfo info_;
  std::optional<TensorArray> array_, previousArray_;
  TensorSlice slice_, previous_;
  SliceDisplay display_;
  quint64 generation_ = 0;     // of display preparations (refresh)
  quint64 cutGeneration_ = 0;  // of slices cut from array_ (requestSlice)
  qint64 maxElements_ = kDefaultMaxElements;
  RangeMode rangeMode_ = RangeMode::Auto;
  ColorMapChoice colorChoice_ = ColorMapChoice::Auto;
  double manualLo_ = 0, manualHi_ = 1;
  bool showDifference_ = false;
  bool gridStale_ = false;  // the array changed while the Images tab was hidden

  QLabel* header_;
  QLabel* status_;
  SlicePicker* picker_;
  QTabWidget* tabs_;
  SliceHeatmap* heatmap_;
  TensorImageGrid* grid_;
  ValueHistogram* histogram_;
  QTableView* table_;
  SliceTableModel* tableModel_;
  QComboBox* rangeCombo_;
  QLineEdit* loEdit_;
  QLineEdit* hiEdit_;
  QComboBox* mapCombo_;
  QCheckBox* diffCheck_;
  QCheckBox* rgbCheck_;
};

}  // namespace kusari::widgets
