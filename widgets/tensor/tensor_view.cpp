#include "widgets/tensor/tensor_view.h"

#include "widgets/output/tensor_summary_data.h"
#include "widgets/tensor/slice_heatmap.h"
#include "widgets/tensor/slice_picker.h"
#include "widgets/tensor/slice_table_model.h"
#include "widgets/tensor/tensor_image_grid.h"
#include "widgets/tensor/value_histogram.h"
#include "widgets/theme/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace kusari::widgets {
namespace {

QString axisTitle(int axis, qint64 stride) {
  if (axis < 0) return {};
  QString t = QObject::tr("axis %1").arg(axis);
  if (stride > 1) t += QObject::tr(" (step %1)").arg(stride);
  return t;
}

}  // namespace

TensorView::TensorView(QWidget* parent) : QWidget(parent) {
  buildControls();
  connect(picker_, &SlicePicker::changed, this, &TensorView::requestSlice);
  connect(ThemeNotifier::instance(), &ThemeNotifier::changed, this, &TensorView::applyTheme);
  updateHeader();
  setStatus(tr("No tensor: open one from the Variables dock, a tensor card or a graph node."));
}

TensorView::~TensorView() = default;

void TensorView::setTensor(const TensorInfo& info) {
  const bool same = info.name == info_.name && info.shape == info_.shape;
  info_ = info;
  array_.reset();
  if (!same) {
    previous_ = {};
    previousArray_.reset();
  }
  picker_->setShape(info.shape, same);
  grid_->clear(tr("The image grid needs the whole tensor; switch to this tab to ask for it."));
  rgbCheck_->setEnabled(false);
  updateHeader();
  updateDifferenceToggle();
  requestSlice();
  if (mode() == Mode::Images) onModeChanged();
}

void TensorView::setArray(const TensorArray& array) {
  if (const QString p = array.problem(); !p.isEmpty()) return setStatus(p);
  const bool same = array.info.name == info_.name && array.info.shape == info_.shape;
  info_ = array.info;
  array_ = array;
  if (!same) {
    previous_ = {};
    previousArray_.reset();
  }
  picker_->setShape(info_.shape, same);
  // The grid's images are made when its tab is shown: a large tensor costs nothing until then.
  gridStale_ = true;
  const int rank = info_.rank();
  rgbCheck_->setEnabled(rank >= 3 && rank <= 4 && info_.shape[rank - 3] == 3);
  if (mode() == Mode::Images) onModeChanged();
  updateHeader();
  requestSlice();
}

void TensorView::setSlice(const TensorSlice& slice) {
  if (!slice.isValid()) {
    return setStatus(tr("The slice of '%1' is malformed: %2 × %3 with %4 values")
                         .arg(info_.name).arg(slice.rows).arg(slice.cols).arg(slice.data.size()));
  }
  const int rank = info_.rank();
  const bool axesFit = slice.rowAxis >= -1 && slice.colAxis >= -1 && slice.rowAxis < std::max(rank, 1) &&
                       slice.colAxis < std::max(rank, 1) && (slice.indices.isEmpty() || slice.indices.size() == rank);
  if (!info_.shape.isEmpty() && !axesFit) {
    return setStatus(tr("The slice (axes %1, %2; %3 indices) does not fit '%4' %5")
                         .arg(slice.rowAxis).arg(slice.colAxis).arg(slice.indices.size())
                         .arg(info_.name, shapeText(info_.shape)));
  }
  slice_ = slice;
  if (previousArray_) {
    if (auto p = sliceArray(*previousArray_, slice.rowAxis, slice.colAxis, slice.indices, maxElements_)) previous_ = *p;
  }
  updateDifferenceToggle();
  refresh();
}

void TensorView::setPrevious(const TensorSlice& slice) {
  previous_ = slice;
  previousArray_.reset();
  updateDifferenceToggle();
  if (showDifference_) refresh();
}

void TensorView::setPreviousArray(const TensorArray& array) {
  if (const QString p = array.problem(); !p.isEmpty()) return setStatus(p);
  if (array.info.shape != info_.shape) {
    previousArray_.reset();
    previous_ = {};
    updateDifferenceToggle();
    return setStatus(tr("No Δ: '%1' had shape %2 at the previous stop and has %3 now")
                         .arg(info_.name, shapeText(array.info.shape), shapeText(info_.shape)));
  }
  previousArray_ = array;
  previous_ = {};
  if (slice_.isValid()) {
    if (auto p = sliceArray(array, slice_.rowAxis, slice_.colAxis, slice_.indices, maxElements_)) previous_ = *p;
  }
  updateDifferenceToggle();
  if (showDifference_) refresh();
}

void TensorView::setMaxElements(qint64 maxElements) { maxElements_ = std::max<qint64>(1, maxElements); }

bool TensorView::differenceAvailable() const {
  return slice_.isValid() && previous_.isValid() && previous_.sameGeometry(slice_);
}

void TensorView::setShowDifference(bool on) {
  if (diffCheck_->isChecked() != on) diffCheck_->setChecked(on);  // comes back here through toggled
  if (showDifference_ == on) return;
  showDifference_ = on;
  refresh();
}

void TensorView::updateDifferenceToggle() {
  const bool ok = differenceAvailable();
  diffCheck_->setEnabled(ok);
  diffCheck_->setToolTip(ok ? tr("Show current − previous stop, cell by cell")
                            : tr("Needs the same slice of this tensor at the previous stop"));
}

void TensorView::requestSlice() {
  const int rowAxis = picker_->rowAxis(), colAxis = picker_->colAxis();
  const QList<qint64> indices = picker_->indices();
  const quint64 request = ++cutGeneration_;  // a cut still running for an earlier request is dropped
  if (!array_) {
    emit sliceRequested(rowAxis, colAxis, indices, maxElements_);
    return setStatus(tr("Asking for the slice…"));
  }
  // Cutting a large slice copies it (a whole 2-D array is shared, not copied): off the UI thread
  // too.
  using Cut = std::pair<std::optional<TensorSlice>, QString>;  // the slice, or why there is none
  const auto cut = [array = *array_, rowAxis, colAxis, indices, max = maxElements_] {
    QString error;
    std::optional<TensorSlice> s = sliceArray(array, rowAxis, colAxis, indices, max, &error);
    return Cut{s, error};
  };
  const auto take = [this](const Cut& result) {
    if (result.first) setSlice(*result.first);
    else setStatus(result.second);
  };
  const QList<qint64>& shape = info_.shape;
  const auto extent = [&](int axis) {
    return axis >= 0 && axis < shape.size() ? std::max<qint64>(shape[axis], 1) : qint64(1);
  };
  const qint64 rows = extent(rowAxis), cols = extent(colAxis), step = sliceStride(rows, cols, maxElements_);
  if (((rows + step - 1) / step) * ((cols + step - 1) / step) <= kSyncElements) return take(cut());
  setStatus(tr("Cutting the slice…"));
  auto* watcher = new QFutureWatcher<Cut>(this);
  connect(watcher, &QFutureWatcher<Cut>::finished, this, [this, watcher, request, take] {
    watcher->deleteLater();
    if (request == cutGeneration_) take(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(cut));
}

void TensorView::refresh() {
  if (!slice_.isValid()) return;
  const quint64 generation = ++generation_;
  const bool diff = showDifference_ && differenceAvailable();
  const TensorSlice current = slice_, previous = diff ? previous_ : TensorSlice{};
  const auto prepare = [current, previous, diff] {
    return prepareSliceDisplay(diff ? sliceDifference(current, previous) : current, kMaxDisplayCells, kHistogramBins);
  };
  if (current.data.size() <= kSyncElements) return showDisplay(prepare());
  setStatus(tr("Preparing %1 × %2…").arg(current.rows).arg(current.cols));
  // The worker owns copies (the buffers are shared, not copied); a result that arrives after a
  // newer slice was asked for is dropped.
  auto* watcher = new QFutureWatcher<SliceDisplay>(this);
  connect(watcher, &QFutureWatcher<SliceDisplay>::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    if (generation == generation_) showDisplay(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(prepare));
}

void TensorView::showDisplay(const SliceDisplay& display) {
  display_ = display;
  const TensorSlice& s = display.slice;
  heatmap_->setDisplay(display, axisTitle(s.rowAxis, s.rowStride), axisTitle(s.colAxis, s.colStride));
  applyColoring();
  histogram_->setHistogram(display.histogram);
  tableModel_->setSlice(s);
  QStringList fixed;
  for (int k = 0; k < s.indices.size(); ++k)
    if (k != s.rowAxis && k != s.colAxis) fixed << tr("axis %1 = %2").arg(k).arg(s.indices[k]);
  QString text = tr("%1 × %2 cells").arg(s.rows).arg(s.cols);
  if (s.rowStride > 1 || s.colStride > 1) text += tr(", step %1 along both axes").arg(std::max(s.rowStride, s.colStride));
  if (display.displayStep > 1) text += tr(", drawn with step %1").arg(display.displayStep);
  if (!fixed.isEmpty()) text += QStringLiteral(" · ") + fixed.join(QStringLiteral(", "));
  if (showDifference_ && differenceAvailable()) text += tr(" · Δ vs previous stop");
  setStatus(text);
  emit displayUpdated();
}

void TensorView::applyColoring() {
  const HistogramData& h = display_.histogram;
  const bool diff = showDifference_ && differenceAvailable();
  double lo = h.anyFinite ? h.finiteMin : 0.0, hi = h.anyFinite ? h.finiteMax : 1.0;
  ColorMapKind kind;
  switch (colorChoice_) {
    case ColorMapChoice::Sequential: kind = ColorMapKind::Sequential; break;
    case ColorMapChoice::Diverging: kind = ColorMapKind::Diverging; break;
    default:  // signed tensors stay diverging even where a slice happens to be non-negative
      kind = diff ? ColorMapKind::Diverging : chooseColorMap(std::min(lo, info_.stats.min), hi);
  }
  std::pair<double, double> range;
  switch (rangeMode_) {
    case RangeMode::Manual: range = {manualLo_, manualHi_}; break;
    case RangeMode::Symmetric: range = colorMapRange(ColorMapKind::Diverging, lo, hi); break;
    default: range = colorMapRange(kind, lo, hi);
  }
  heatmap_->setColoring(kind, range.first, range.second);
  heatmap_->setScaleLabel(diff ? tr("Δ vs previous stop") : QString());
  const auto [shownLo, shownHi] = heatmap_->colorRange();
  loEdit_->setPlaceholderText(formatNumber(shownLo));
  hiEdit_->setPlaceholderText(formatNumber(shownHi));
}

void TensorView::setRangeMode(RangeMode mode) {
  if (mode == RangeMode::Manual && rangeMode_ != RangeMode::Manual && loEdit_->text().isEmpty()) {
    std::tie(manualLo_, manualHi_) = heatmap_->colorRange();  // start from what is shown
    loEdit_->setText(formatNumber(manualLo_));
    hiEdit_->setText(formatNumber(manualHi_));
  }
  rangeMode_ = mode;
  if (rangeCombo_->currentIndex() != int(mode)) rangeCombo_->setCurrentIndex(int(mode));
  loEdit_->setEnabled(mode == RangeMode::Manual);
  hiEdit_->setEnabled(mode == RangeMode::Manual);
  applyColoring();
}

void TensorView::setManualRange(double lo, double hi) {
  if (!(hi > lo)) return setStatus(tr("The colour range needs min < max (got %1 and %2)").arg(formatNumber(lo), formatNumber(hi)));
  manualLo_ = lo;
  manualHi_ = hi;
  loEdit_->setText(formatNumber(lo));
  hiEdit_->setText(formatNumber(hi));
  setRangeMode(RangeMode::Manual);
}

void TensorView::setColorMapChoice(ColorMapChoice choice) {
  colorChoice_ = choice;
  if (mapCombo_->currentIndex() != int(choice)) mapCombo_->setCurrentIndex(int(choice));
  applyColoring();
}

void TensorView::setRgb(bool rgb) {
  rgb = rgb && rgbCheck_->isEnabled();
  if (rgbCheck_->isChecked() != rgb) rgbCheck_->setChecked(rgb);  // comes back here through toggled
  grid_->setRgb(rgb);
}

void TensorView::setMode(Mode mode) { tabs_->setCurrentIndex(int(mode)); }

TensorView::Mode TensorView::mode() const { return Mode(tabs_->currentIndex()); }

void TensorView::onModeChanged() {
  if (mode() != Mode::Images) return;
  if (array_ && gridStale_) {
    gridStale_ = false;
    grid_->setRgb(rgbCheck_->isChecked());
    grid_->setArray(*array_);
  } else if (!array_ && !info_.shape.isEmpty()) {
    grid_->clear(tr("Asking for the whole tensor…"));
    emit arrayRequested(maxElements_);
  }
}

void TensorView::updateHeader() {
  if (info_.name.isEmpty() && info_.shape.isEmpty()) {
    header_->setText(tr("<i>No tensor</i>"));
    return;
  }
  const Theme& t = Theme::current();
  const QString muted = t.color(ThemeRole::MutedText).name();
  const TensorStats& s = info_.stats;
  const QLocale locale;
  QString html = QStringLiteral("<b>%1</b> &nbsp;%2 &nbsp;<b>%3</b>")
                     .arg(info_.name.toHtmlEscaped(), shapeText(info_.shape), info_.dtype.toHtmlEscaped());
  if (!info_.device.isEmpty()) html += QStringLiteral(" <span style='color:%1'>· %2</span>").arg(muted, info_.device.toHtmlEscaped());
  html += QStringLiteral(" &nbsp;<span style='color:%1'>min</span> %2 <span style='color:%1'>mean</span> %3 "
                         "<span style='color:%1'>max</span> %4 <span style='color:%1'>std</span> %5")
              .arg(muted, formatNumber(s.min), formatNumber(s.mean), formatNumber(s.max), formatNumber(s.std));
  const QString bad = (s.nanCount + s.infCount > 0 ? t.color(ThemeRole::ErrorTitle) : t.color(ThemeRole::MutedText)).name();
  html += QStringLiteral(" &nbsp;<span style='color:%1'>NaN %2 · Inf %3</span>")
              .arg(bad, locale.toString(s.nanCount), locale.toString(s.infCount));
  header_->setText(html);
}

QString TensorView::headerText() const { return header_->text(); }

QString TensorView::statusText() const { return status_->text(); }

void TensorView::setStatus(const QString& text) { status_->setText(text); }

void TensorView::applyTheme() {
  heatmap_->applyTheme();
  histogram_->applyTheme();
  grid_->applyTheme();
  updateHeader();
  applyColoring();
}

}  // namespace kusari::widgets
