// The Tensor view's controls and exports: the header, the slice picker, the colour controls,
// the four tabs and the PNG/CSV exports.
#include "widgets/tensor/slice_heatmap.h"
#include "widgets/tensor/slice_picker.h"
#include "widgets/tensor/slice_table_model.h"
#include "widgets/tensor/tensor_image_grid.h"
#include "widgets/tensor/tensor_view.h"
#include "widgets/tensor/value_histogram.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace kusari::widgets {

void TensorView::buildControls() {
  header_ = new QLabel(this);
  header_->setTextFormat(Qt::RichText);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  header_->setWordWrap(true);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  picker_ = new SlicePicker(this);

  rangeCombo_ = new QComboBox(this);
  rangeCombo_->addItems({tr("auto range"), tr("symmetric ±"), tr("manual")});
  rangeCombo_->setToolTip(tr("Colour range: the slice's min–max, symmetric about 0, or your own"));
  loEdit_ = new QLineEdit(this);
  hiEdit_ = new QLineEdit(this);
  for (QLineEdit* edit : {loEdit_, hiEdit_}) {
    edit->setValidator(new QDoubleValidator(edit));
    edit->setMaximumWidth(80);
    edit->setEnabled(false);
  }
  loEdit_->setToolTip(tr("Colour range minimum"));
  hiEdit_->setToolTip(tr("Colour range maximum"));
  mapCombo_ = new QComboBox(this);
  mapCombo_->addItems({tr("auto map"), tr("sequential"), tr("diverging")});
  mapCombo_->setToolTip(tr("Colour map: sequential for non-negative data, diverging (centred at 0) for signed"));
  diffCheck_ = new QCheckBox(tr("Δ vs previous stop"), this);
  diffCheck_->setEnabled(false);
  rgbCheck_ = new QCheckBox(tr("RGB"), this);
  rgbCheck_->setToolTip(tr("Show 3 channels as one colour image"));
  rgbCheck_->setEnabled(false);
  auto* pngButton = new QToolButton(this);
  pngButton->setText(tr("PNG…"));
  pngButton->setToolTip(tr("Export the current plot as PNG"));
  auto* csvButton = new QToolButton(this);
  csvButton->setText(tr("CSV…"));
  csvButton->setToolTip(tr("Export the shown slice as CSV"));

  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  heatmap_ = new SliceHeatmap(tabs_);
  grid_ = new TensorImageGrid(tabs_);
  histogram_ = new ValueHistogram(tabs_);
  table_ = new QTableView(tabs_);
  tableModel_ = new SliceTableModel(table_);
  table_->setModel(tableModel_);
  // Fixed section sizes: the headers never measure 4096 rows.
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->horizontalHeader()->setDefaultSectionSize(84);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
  tabs_->addTab(heatmap_, tr("Heatmap"));
  tabs_->addTab(grid_, tr("Images"));
  tabs_->addTab(histogram_, tr("Histogram"));
  tabs_->addTab(table_, tr("Table"));

  auto* colours = new QHBoxLayout;
  colours->setContentsMargins(0, 0, 0, 0);
  colours->addWidget(rangeCombo_);
  colours->addWidget(loEdit_);
  colours->addWidget(new QLabel(QStringLiteral("–"), this));
  colours->addWidget(hiEdit_);
  colours->addWidget(mapCombo_);
  colours->addWidget(diffCheck_);
  colours->addWidget(rgbCheck_);
  colours->addStretch();
  colours->addWidget(pngButton);
  colours->addWidget(csvButton);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->setSpacing(4);
  layout->addWidget(header_);
  layout->addWidget(picker_);
  layout->addLayout(colours);
  layout->addWidget(tabs_, 1);
  layout->addWidget(status_);

  connect(rangeCombo_, &QComboBox::activated, this, [this](int i) { setRangeMode(RangeMode(i)); });
  connect(mapCombo_, &QComboBox::activated, this, [this](int i) { setColorMapChoice(ColorMapChoice(i)); });
  const auto manual = [this] {
    bool okLo = false, okHi = false;
    const double lo = loEdit_->text().toDouble(&okLo), hi = hiEdit_->text().toDouble(&okHi);
    if (okLo && okHi) setManualRange(lo, hi);
  };
  connect(loEdit_, &QLineEdit::editingFinished, this, manual);
  connect(hiEdit_, &QLineEdit::editingFinished, this, manual);
  connect(diffCheck_, &QCheckBox::toggled, this, &TensorView::setShowDifference);
  connect(rgbCheck_, &QCheckBox::toggled, this, &TensorView::setRgb);
  connect(tabs_, &QTabWidget::currentChanged, this, &TensorView::onModeChanged);
  connect(pngButton, &QToolButton::clicked, this, [this] { exportDialog(true); });
  connect(csvButton, &QToolButton::clicked, this, [this] { exportDialog(false); });
}

bool TensorView::exportPng(const QString& path, QString* error) const {
  bool ok = false;
  const auto savePlot = [&](QCustomPlot* plot) {
    return plot->savePng(path, std::max(plot->width(), 640), std::max(plot->height(), 480));
  };
  switch (mode()) {
    case Mode::Heatmap: ok = savePlot(heatmap_->plot()); break;
    case Mode::Histogram: ok = savePlot(histogram_->plot()); break;
    case Mode::Images: ok = grid_->render().save(path, "PNG"); break;
    case Mode::Table: ok = table_->grab().save(path, "PNG"); break;
  }
  if (!ok && error) *error = tr("Could not write the PNG file %1").arg(path);
  return ok;
}

bool TensorView::exportCsv(const QString& path, QString* error) const {
  if (!display_.slice.isValid()) {
    if (error) *error = tr("There is no slice to export yet");
    return false;
  }
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(sliceToCsv(display_.slice)) < 0) {
    if (error) *error = tr("Could not write the CSV file %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

void TensorView::exportDialog(bool png) {
  const QString base = info_.name.isEmpty() ? QStringLiteral("tensor") : info_.name;
  const QString path = QFileDialog::getSaveFileName(this, png ? tr("Export PNG") : tr("Export CSV"),
                                                    base + (png ? QStringLiteral(".png") : QStringLiteral(".csv")),
                                                    png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  QString error;
  if (!(png ? exportPng(path, &error) : exportCsv(path, &error))) QMessageBox::warning(this, tr("Export"), error);
}

}  // namespace kusari::widgets
