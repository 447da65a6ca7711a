// The Tensor dock's view, alone: heatmap cells and index-labelled axes, the slice pickers'
// requests, slicing a whole array, NaN/Inf marking, histogram, lazy table, image grid, Δ mode,
// exports, and the time a 4096 x 4096 slice takes to show.
//
// How the studio wires it (see widgets/tensor/tensor_view.h):
//   connect(view, &TensorView::sliceRequested, session, &DebugSession::requestTensorSlice);
//   connect(session, &DebugSession::tensorSliceArrived, view, &TensorView::setSlice);
#include "widgets/output/tensor_summary_data.h"
#include "widgets/tensor/slice_heatmap.h"
#include "widgets/tensor/slice_picker.h"
#include "widgets/tensor/slice_table_model.h"
#include "widgets/tensor/tensor_image_grid.h"
#include "widgets/tensor/tensor_view.h"
#include "widgets/tensor/value_histogram.h"
#include "widgets/theme/theme.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <qcustomplot.h>

#include <cmath>
#include <ctime>

using namespace kusari::widgets;

namespace {

// Element i of the array holds float(i): every cell says where it came from.
TensorArray iota(const QString& name, const QList<qint64>& shape) {
  qint64 n = 1;
  for (qint64 s : shape) n *= s;
  QVector<float> v(n);
  for (qint64 i = 0; i < n; ++i) v[i] = float(i);
  return TensorArray::make(name, shape, v);
}

TensorSlice bigSlice(qint64 rows, qint64 cols) {
  TensorSlice s;
  s.rowAxis = 0;
  s.colAxis = 1;
  s.indices = {0, 0};
  s.rows = rows;
  s.cols = cols;
  s.data.resize(rows * cols);
  for (qint64 i = 0; i < s.data.size(); ++i) s.data[i] = float((i % 1000) - 500) * 0.01f;
  return s;
}

}  // namespace

class TestWidgetTensorView : public QObject {
  Q_OBJECT
 private slots:
  void heatmapHasKnownValuesAtKnownCells() {
    TensorView view;
    view.setArray(iota("x", {2, 3, 4}));  // default: rows axis 1, columns axis 2, axis 0 = 0
    QCPColorMap* map = view.heatmap()->colorMap();
    QCOMPARE(map->data()->keySize(), 4);
    QCOMPARE(map->data()->valueSize(), 3);
    QCOMPARE(map->data()->cell(3, 2), 11.0);  // (0, 2, 3)
    QCOMPARE(map->data()->cell(1, 0), 1.0);
    view.picker()->setIndex(0, 1);
    QCOMPARE(map->data()->cell(3, 2), 23.0);  // (1, 2, 3)
    QCOMPARE(view.heatmap()->colorMapKind(), ColorMapKind::Sequential);
  }

  void axesAreLabelledWithTensorIndicesUnderAStride() {
    TensorView view;
    view.resize(900, 700);
    view.setMaxElements(25);  // a (10, 10) tensor comes back as 5 x 5, every 2nd element
    view.setArray(iota("w", {10, 10}));
    const TensorSlice& s = view.slice();
    QCOMPARE(s.rows, 5);
    QCOMPARE(s.rowStride, 2);
    QCPColorMap* map = view.heatmap()->colorMap();
    QCOMPARE(map->data()->cell(1, 2), 42.0);  // slice (2, 1) is tensor (4, 2)
    double key = 0, value = 0;
    map->data()->cellToCoord(1, 2, &key, &value);
    QCOMPARE(key, 2.0);
    QCOMPARE(value, 4.0);
    view.heatmap()->plot()->replot();
    for (QCPAxis* axis : {view.heatmap()->plot()->xAxis, view.heatmap()->plot()->yAxis}) {
      const QVector<QString> labels = axis->tickVectorLabels();
      QVERIFY2(labels.size() >= 2, qPrintable(QString::number(labels.size())));
      for (const QString& label : labels) {
        bool ok = false;
        const int index = label.toInt(&ok);
        QVERIFY2(ok && index % 2 == 0 && index >= 0 && index <= 9, qPrintable(label));
      }
    }
    QCOMPARE(view.tableModel()->headerData(3, Qt::Vertical).toLongLong(), 6);
    QCOMPARE(view.heatmap()->valueTextAt(2.2, 3.9), QStringLiteral("[4, 2] = 42"));  // the hover tooltip
    QVERIFY(view.heatmap()->valueTextAt(11.0, 0.0).isEmpty());
  }

  void pickersRequestSlices() {
    TensorView view;
    QSignalSpy spy(&view, &TensorView::sliceRequested);
    TensorInfo info;
    info.name = "act";
    info.shape = {4, 5, 6, 7};
    info.dtype = "float32";
    view.setTensor(info);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 2);
    QCOMPARE(spy.last().at(1).toInt(), 3);
    QCOMPARE(spy.last().at(2).value<QList<qint64>>(), (QList<qint64>{0, 0, 0, 0}));
    QCOMPARE(spy.last().at(3).toLongLong(), TensorView::kDefaultMaxElements);

    QComboBox* rows = view.picker()->rowCombo();  // the user picks axis 0 for the rows
    rows->setCurrentIndex(0);
    emit rows->activated(0);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toInt(), 0);
    QCOMPARE(spy.last().at(1).toInt(), 3);
    QSpinBox* spin = view.picker()->indexSpin(1);
    QVERIFY(spin && !view.picker()->indexSpin(0));
    QCOMPARE(spin->maximum(), 4);
    spin->setValue(3);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.last().at(2).value<QList<qint64>>(), (QList<qint64>{0, 3, 0, 0}));

    QComboBox* cols = view.picker()->colCombo();  // columns = the rows' axis: they swap
    cols->setCurrentIndex(0);
    emit cols->activated(0);
    QCOMPARE(spy.last().at(0).toInt(), 3);
    QCOMPARE(spy.last().at(1).toInt(), 0);

    // The owner answers; the same tensor at the next stop keeps the choice.
    TensorSlice answer;
    answer.rowAxis = 3;
    answer.colAxis = 0;
    answer.indices = {0, 3, 2, 0};
    answer.rows = 7;
    answer.cols = 4;
    answer.data = QVector<float>(28, 0.5f);
    view.setSlice(answer);
    QCOMPARE(view.heatmap()->colorMap()->data()->keySize(), 4);
    TensorSlice wrong = answer;  // a slice that cannot belong to this tensor is refused, said so
    wrong.rowAxis = 4;
    wrong.data = QVector<float>(28, 9.0f);
    view.setSlice(wrong);
    QVERIFY2(view.statusText().contains("does not fit 'act' (4, 5, 6, 7)"), qPrintable(view.statusText()));
    QCOMPARE(view.slice().at(0, 0), 0.5f);
    view.setTensor(info);
    QCOMPARE(spy.last().at(0).toInt(), 3);
    QCOMPARE(spy.last().at(1).toInt(), 0);
  }

  void standaloneSlicingPicksThePlane() {
    QVector<float> v(3 * 4 * 5);
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 4; ++j)
        for (int k = 0; k < 5; ++k) v[(i * 4 + j) * 5 + k] = float(100 * i + 10 * j + k);
    const TensorArray a = TensorArray::make("t", {3, 4, 5}, v);
    const auto s = sliceArray(a, 0, 2, {0, 2, 0}, 1 << 20);  // rows i, columns k, j = 2
    QVERIFY(s);
    QCOMPARE(s->rows, 3);
    QCOMPARE(s->cols, 5);
    QCOMPARE(s->at(1, 3), 123.0f);
    QCOMPARE(s->at(2, 0), 220.0f);
    const auto t = sliceArray(a, 2, 1, {1, 0, 0}, 1 << 20);  // transposed: rows k, columns j, i = 1
    QVERIFY(t);
    QCOMPARE(t->at(4, 3), 134.0f);

    QString error;
    QVERIFY(!sliceArray(a, 0, 2, {0, 9, 0}, 1 << 20, &error));
    QVERIFY2(error.contains("axis 1") && error.contains("0..3"), qPrintable(error));
    QVERIFY(!sliceArray(a, 1, 1, {}, 1 << 20, &error));
    QVERIFY(error.contains("both 1"));

    TensorView view;  // a bad array is reported, not shown
    TensorArray bad = a;
    bad.data.resize(7);
    view.setArray(bad);
    QVERIFY2(view.statusText().contains("60 elements"), qPrintable(view.statusText()));
  }

  void nanAndInfAreMarked() {
    TensorView view;
    view.setArray(TensorArray::make("g", {2, 2}, {0.5f, NAN, -1.0f, INFINITY}));
    QCPColorMap* map = view.heatmap()->colorMap();
    QVERIFY(std::isnan(map->data()->cell(1, 0)));
    QVERIFY(std::isnan(map->data()->cell(1, 1)));
    QCOMPARE(map->data()->cell(0, 1), -1.0);
    QCOMPARE(map->gradient().nanHandling(), QCPColorGradient::nhNanColor);
    QCOMPARE(map->gradient().nanColor(), Theme::current().color(ThemeRole::NanMarker));
    QVERIFY2(view.heatmap()->legendText().contains("1 NaN, 1 Inf"), qPrintable(view.heatmap()->legendText()));
    QCOMPARE(view.heatmap()->colorMapKind(), ColorMapKind::Diverging);
    QVERIFY(view.headerText().contains("NaN 1 · Inf 1"));

    // Drawn from fewer cells than the slice has, a block holding a NaN stays marked.
    TensorSlice s = bigSlice(4, 4);
    s.data.fill(1.0f);
    s.data[1 * 4 + 1] = NAN;
    const SliceDisplay d = prepareSliceDisplay(s, 4, 8);
    QCOMPARE(d.displayStep, 2);
    QCPColorMapData cells(*d.map);  // QCPColorMapData::cell is not const
    QVERIFY(std::isnan(cells.cell(0, 0)));
    QCOMPARE(cells.cell(1, 1), 1.0);
  }

  void histogramCountsKnownData() {
    const QVector<float> v{0, 0, 1, 1, 1, 2, 3, NAN, INFINITY, -INFINITY};
    const HistogramData h = computeHistogram(v.constData(), v.size(), 4);  // bins 0.75 wide over 0..3
    QCOMPARE(h.counts, (QVector<qint64>{2, 3, 1, 1}));
    QCOMPARE(h.nanCount, 1);
    QCOMPARE(h.infCount, 2);
    QCOMPARE(h.lo, 0.0);
    QCOMPARE(h.hi, 3.0);

    TensorView view;
    view.setArray(TensorArray::make("h", {10}, v));
    view.setMode(TensorView::Mode::Histogram);
    QCPBars* bars = view.histogram()->bars();
    QCOMPARE(bars->data()->size(), 64);
    double total = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) total += it->value;
    QCOMPARE(total, 7.0);
    QCOMPARE(bars->data()->at(0)->value, 2.0);
    QCOMPARE(bars->data()->at(63)->value, 1.0);
    QVERIFY2(view.histogram()->noteText().contains("NaN 1 · Inf 2"), qPrintable(view.histogram()->noteText()));
  }

  void tableReadsABigSliceLazily() {
    TensorView view;
    const TensorSlice s = [] {
      TensorSlice b = bigSlice(4096, 4096);
      b.rowStride = 3;
      b.colStride = 3;
      return b;
    }();
    QSignalSpy shown(&view, &TensorView::displayUpdated);
    view.setSlice(s);
    QVERIFY(shown.wait(5000));
    QVERIFY(!qobject_cast<QStandardItemModel*>(view.tableView()->model()));
    QCOMPARE(view.tableView()->model(), view.tableModel());
    SliceTableModel* model = view.tableModel();
    QCOMPARE(model->rowCount(), 4096);
    QCOMPARE(model->columnCount(), 4096);
    const qint64 i = 4000LL * 4096 + 123;
    QCOMPARE(model->data(model->index(4000, 123), SliceTableModel::ValueRole).toDouble(), double(s.data[i]));
    QCOMPARE(model->data(model->index(4000, 123)).toString(), formatNumber(s.data[i]));
    QCOMPARE(model->headerData(4000, Qt::Vertical).toLongLong(), 12000);
    QCOMPARE(model->slice().data.constData(), s.data.constData());  // shared, not copied
    QElapsedTimer timer;
    timer.start();
    view.setMode(TensorView::Mode::Table);
    view.resize(800, 600);
    view.show();
    QCoreApplication::processEvents();
    view.tableView()->scrollTo(model->index(4095, 4095));
    view.tableView()->viewport()->repaint();
    qDebug("table of 4096 x 4096: shown and scrolled to the end in %lld ms", timer.elapsed());
  }

  void imageGridTilesFeatureMaps() {
    TensorImageGrid grid;
    const TensorArray a = iota("fmap", {2, 3, 4, 4});  // values 0..95
    grid.setArray(a);
    QCOMPARE(grid.tiles().size(), 6);
    QCOMPARE(grid.grayRange(), (std::pair<double, double>{0.0, 95.0}));
    const auto gray = [](double v) { return int(std::lround(v * 255.0 / 95.0)); };
    for (int t = 0; t < 6; ++t) {
      const TensorImageGrid::Tile& tile = grid.tiles()[t];
      QCOMPARE(tile.n, t / 3);
      QCOMPARE(tile.c, t % 3);
      QCOMPARE(tile.label, QStringLiteral("n %1 · c %2").arg(t / 3).arg(t % 3));
      QCOMPARE(tile.image.size(), QSize(4, 4));
      for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x) {
          const QRgb p = tile.image.pixel(x, y);
          QCOMPARE(qRed(p), gray(t * 16 + y * 4 + x));
          QCOMPARE(qRed(p), qBlue(p));
        }
    }
    QVERIFY(grid.rgbAvailable());
    grid.setRgb(true);  // C = 3: one colour image per batch item
    QCOMPARE(grid.tiles().size(), 2);
    const QRgb p = grid.tiles()[1].image.pixel(2, 1);  // n 1, pixel (y 1, x 2)
    QCOMPARE(qRed(p), gray(48 + 6));
    QCOMPARE(qGreen(p), gray(64 + 6));
    QCOMPARE(qBlue(p), gray(80 + 6));
    QVERIFY(!grid.render().isNull());

    grid.setArray(TensorArray::make("w", {1, 1, 1, 2}, {-2.0f, NAN}));  // signed: 0 is mid-gray
    QCOMPARE(grid.grayRange(), (std::pair<double, double>{-2.0, 2.0}));
    QCOMPARE(qRed(grid.tiles()[0].image.pixel(0, 0)), 0);
    QCOMPARE(grid.tiles()[0].image.pixel(1, 0), Theme::current().color(ThemeRole::NanMarker).rgb());
    grid.setArray(iota("v", {5}));
    QVERIFY(grid.tiles().isEmpty());
    QVERIFY(grid.message().contains("(5,)"));
  }

  void imagesTabAsksAKernelForTheWholeTensor() {
    TensorView view;
    TensorInfo info;
    info.name = "x";
    info.shape = {2, 3, 4, 4};
    view.setTensor(info);
    QSignalSpy spy(&view, &TensorView::arrayRequested);
    view.setMode(TensorView::Mode::Images);
    QCOMPARE(spy.count(), 1);
    view.setArray(iota("x", {2, 3, 4, 4}));
    QCOMPARE(view.imageGrid()->tiles().size(), 6);
  }

  void differenceAgainstThePreviousStop() {
    TensorView view;
    view.setArray(TensorArray::make("w", {2, 2}, {1.0f, 2.0f, 3.0f, 4.0f}));
    QVERIFY(!view.differenceAvailable());
    view.setPreviousArray(TensorArray::make("w", {2, 2}, {1.5f, 2.0f, 1.0f, 4.0f}));
    QVERIFY(view.differenceAvailable());
    view.setShowDifference(true);
    QCPColorMap* map = view.heatmap()->colorMap();
    QCOMPARE(map->data()->cell(0, 0), -0.5);
    QCOMPARE(map->data()->cell(0, 1), 2.0);
    QCOMPARE(map->data()->cell(1, 1), 0.0);
    QCOMPARE(view.heatmap()->colorMapKind(), ColorMapKind::Diverging);
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{-2.0, 2.0}));
    QCOMPARE(view.shownSlice().at(1, 0), 2.0f);
    QCOMPARE(view.slice().at(1, 0), 3.0f);  // the received slice is untouched
    view.setShowDifference(false);
    QCOMPARE(map->data()->cell(0, 1), 3.0);

    TensorSlice other = view.slice();  // another place of the tensor: no Δ
    other.indices = {0, 0};
    other.rowStride = 2;
    view.setPrevious(other);
    QVERIFY(!view.differenceAvailable());
    view.setPreviousArray(TensorArray::make("w", {4}, {1, 2, 3, 4}));  // reshaped since: no Δ, said so
    QVERIFY(!view.differenceAvailable());
    QVERIFY2(view.statusText().contains("(4,)"), qPrintable(view.statusText()));
  }

  void rangeAndColourMapControls() {
    TensorView view;
    view.setArray(TensorArray::make("a", {1, 3}, {0.0f, 1.0f, 4.0f}));
    QCOMPARE(view.heatmap()->colorMapKind(), ColorMapKind::Sequential);
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{0.0, 4.0}));
    view.setRangeMode(TensorView::RangeMode::Symmetric);
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{-4.0, 4.0}));
    view.setRangeMode(TensorView::RangeMode::Manual);  // starts from the range shown
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{-4.0, 4.0}));
    view.setManualRange(1.0, 2.0);
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{1.0, 2.0}));
    view.setManualRange(3.0, 2.0);  // refused, said so
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{1.0, 2.0}));
    QVERIFY(view.statusText().contains("min < max"));
    view.setColorMapChoice(TensorView::ColorMapChoice::Diverging);
    QCOMPARE(view.heatmap()->colorMapKind(), ColorMapKind::Diverging);
    view.setRangeMode(TensorView::RangeMode::Auto);
    QCOMPARE(view.heatmap()->colorRange(), (std::pair<double, double>{-4.0, 4.0}));
  }

  void headerReadsLikeAPerson() {
    TensorView view;
    TensorInfo info;
    info.name = "conv1.W";
    info.shape = {64, 1, 28, 28};
    info.dtype = "float32";
    info.device = "cuda:0";
    info.stats = {-0.123456, 2.5, 0.0123456, 1234567.0, 0, 3};
    view.setTensor(info);
    const QString h = view.headerText();
    for (const char* part : {"conv1.W", "(64, 1, 28, 28)", "float32", "cuda:0", "-0.1235", "0.01235", "1.235e+06", "Inf 3"})
      QVERIFY2(h.contains(QString::fromUtf8(part)), part);
  }

  void exportsCsvAndPng() {
    TensorView view;
    view.resize(700, 500);
    view.setMaxElements(4);  // (3, 3) shown every 2nd element: rows 0, 2 and columns 0, 2
    view.setArray(TensorArray::make("e", {3, 3}, {0.5f, 1, 2, 3, 4, 5, NAN, 7, -INFINITY}));
    QTemporaryDir dir;
    const QString csv = dir.filePath("slice.csv");
    QString error;
    QVERIFY2(view.exportCsv(csv, &error), qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("row\\col,0,2\n0,0.5,2\n2,nan,-inf\n"));
    for (auto mode : {TensorView::Mode::Heatmap, TensorView::Mode::Histogram, TensorView::Mode::Images,
                      TensorView::Mode::Table}) {
      view.setMode(mode);
      const QString png = dir.filePath(QStringLiteral("plot%1.png").arg(int(mode)));
      QVERIFY2(view.exportPng(png, &error), qPrintable(error));
      QVERIFY(QFileInfo(png).size() > 100);
      QVERIFY(!QImage(png).isNull());
    }
    QVERIFY(!view.exportCsv(dir.filePath("no/such/dir/x.csv"), &error));
    QVERIFY(error.contains("x.csv"));
  }

  void bigSliceShowsQuickly() {
    TensorView view;
    view.resize(900, 700);
    view.show();
    QCoreApplication::processEvents();
    const TensorSlice s = bigSlice(4096, 4096);
    QSignalSpy shown(&view, &TensorView::displayUpdated);
    // CPU time too (both threads): on a loaded 2-core CI machine wall time says little.
    const auto cpuMs = [start = std::clock()] { return 1000.0 * double(std::clock() - start) / CLOCKS_PER_SEC; };
    QElapsedTimer timer;
    timer.start();
    view.setSlice(s);
    const qint64 returned = timer.elapsed();
    QVERIFY(shown.wait(5000));
    const qint64 prepared = timer.elapsed();
    view.heatmap()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const qint64 drawn = timer.elapsed();
    qDebug("4096 x 4096 float32 slice: setSlice returned in %lld ms, prepared off the UI thread by %lld ms, "
           "drawn (1024 x 1024 cells, histogram, table) by %lld ms wall, %.0f ms CPU",
           returned, prepared, drawn, cpuMs());
    QCOMPARE(view.heatmap()->colorMap()->data()->keySize(), 1024);
    QCOMPARE(view.heatmap()->colorMap()->data()->cell(1, 0), double(s.data[4]));

    const TensorArray array = iota("big", {4096, 4096});
    timer.restart();
    view.setArray(array);
    QVERIFY(shown.wait(5000));
    view.heatmap()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    qDebug("4096 x 4096 array sliced in the view and drawn in %lld ms", timer.elapsed());
    QCOMPARE(view.slice().rows, 4096);
    QCOMPARE(view.slice().data.constData(), array.data.constData());  // the whole array: shared, not copied
    QCOMPARE(view.heatmap()->colorMap()->data()->cell(3, 2), double(2 * 4096 * 4 + 3 * 4));  // step 4

    timer.restart();
    const std::clock_t cpu = std::clock();  // CPU time too: on a loaded machine wall time lies
    const SliceDisplay d = prepareSliceDisplay(s, TensorView::kMaxDisplayCells, 64);
    qDebug("of which the preparation itself (range, 64-bin histogram, 1024 x 1024 colour cells): %lld ms wall, "
           "%.0f ms CPU", timer.elapsed(), 1000.0 * double(std::clock() - cpu) / CLOCKS_PER_SEC);
    QCOMPARE(d.histogram.counts.size(), 64);
  }

  void aLargeSliceIsCutOffTheUiThread() {
    TensorView view;
    QSignalSpy shown(&view, &TensorView::displayUpdated);
    const TensorArray a = iota("a", {3, 1024, 1024});  // slice [1]: a part of the array, copied
    view.setArray(a);
    QCOMPARE(shown.count(), 0);  // being cut (then prepared) in the thread pool
    QVERIFY(!view.slice().isValid());
    QVERIFY(shown.wait(5000));
    QCOMPARE(view.slice().rows, 1024);
    view.picker()->setIndex(0, 1);
    QCOMPARE(view.slice().at(0, 0), 0.0f);  // still the previous slice until the new one is cut
    QVERIFY(shown.wait(5000));
    QCOMPARE(view.slice().at(2, 3), float(1024 * 1024 + 2 * 1024 + 3));

    view.picker()->setIndex(0, 2);  // a cut in flight, then a small array: the cut is dropped
    view.setArray(iota("s", {2, 2}));
    QCOMPARE(view.slice().rows, 2);
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(view.slice().rows, 2);
    QCOMPARE(view.info().name, QStringLiteral("s"));
  }

  void aLateResultNeverOverwritesANewerSlice() {
    TensorView view;
    QSignalSpy shown(&view, &TensorView::displayUpdated);
    view.setSlice(bigSlice(2048, 2048));  // prepared off the UI thread
    TensorSlice small = bigSlice(2, 2);
    small.data = {1, 2, 3, 4};
    view.setSlice(small);  // small: shown at once
    QCOMPARE(shown.count(), 1);
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(shown.count(), 1);
    QCOMPARE(view.shownSlice().rows, 2);
    QCOMPARE(view.heatmap()->colorMap()->data()->cell(1, 1), 4.0);

    auto* gone = new TensorView;  // closed while its slice is being prepared: nothing happens
    gone->setSlice(bigSlice(2048, 2048));
    delete gone;
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
  }
};

QTEST_MAIN(TestWidgetTensorView)
#include "test_widget_tensor_view.moc"
