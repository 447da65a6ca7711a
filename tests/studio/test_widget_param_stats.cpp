// ParamStatsView: the table shows each layer's latest values and flags NaN/Inf in the theme's
// marker colours; one curve per layer of the chosen quantity (log scale by default); the
// selected layer's gradient histograms as a heatmap; redraws are coalesced.
#include "widgets/param_stats/param_stats_view.h"
#include "widgets/theme/theme.h"

#include <QTableWidget>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>

using namespace kusari::widgets;

namespace {

ParamLayerSample layer(const QString& path, QVector<qint64> shape, double dataNorm, double gradNorm,
                       QVector<qint64> gradCounts = {}) {
  ParamLayerSample l;
  l.path = path;
  l.shape = shape;
  l.size = 1;
  for (qint64 n : shape) l.size *= n;
  l.dataNorm = dataNorm;
  l.gradNorm = gradNorm;
  l.gradHistogram = {-1, 1, gradCounts};
  return l;
}

// Two layers; the gradient of l1/W vanishes by 10x per sample, l2/W's stays.
ParamStatsSample sample(double iteration, const QString& run = QStringLiteral("r1")) {
  const double k = iteration / 10;
  ParamStatsSample s{run, iteration, iteration / 100, {}};
  s.layers.append(layer(QStringLiteral("l1/W"), {784, 100}, 2.0, std::pow(10.0, -k), {qint64(k), 2, 3}));
  s.layers.append(layer(QStringLiteral("l2/W"), {100, 10}, 4.0, 0.5, {0, 5, 0}));
  s.layers.last().updateRatio = 0.001 * k;
  return s;
}

QString cell(const ParamStatsView& view, const QString& path, int column) {
  return view.table()->item(view.rowOf(path), column)->text();
}

}  // namespace

class TestWidgetParamStats : public QObject {
  Q_OBJECT
 private slots:
  void tableShowsTheLatestValues() {
    ParamStatsView view;
    for (int i = 10; i <= 30; i += 10) view.addSample(sample(i));
    view.flush();
    QCOMPARE(view.table()->rowCount(), 2);
    QCOMPARE(cell(view, "l1/W", ParamStatsView::ShapeColumn), QStringLiteral("(784, 100)"));
    QCOMPARE(cell(view, "l1/W", ParamStatsView::SizeColumn), QLocale().toString(qint64(78400)));
    QCOMPARE(cell(view, "l1/W", ParamStatsView::DataNormColumn), QStringLiteral("2"));
    QCOMPARE(cell(view, "l1/W", ParamStatsView::GradNormColumn), QStringLiteral("0.001"));  // 10^-3: the latest
    QCOMPARE(cell(view, "l1/W", ParamStatsView::RatioColumn), QStringLiteral("0.0005"));
    QCOMPARE(cell(view, "l1/W", ParamStatsView::UpdateColumn), QStringLiteral("–"));  // not measured
    QCOMPARE(cell(view, "l2/W", ParamStatsView::RatioColumn), QStringLiteral("0.125"));
    QCOMPARE(cell(view, "l2/W", ParamStatsView::UpdateColumn), QStringLiteral("0.003"));
    QCOMPARE(cell(view, "l2/W", ParamStatsView::NanInfColumn), QString());
  }

  void oneCurvePerLayerOnALogScale() {
    ParamStatsView view;
    QVERIFY(view.logScale());
    for (int i = 10; i <= 30; i += 10) view.addSample(sample(i));
    view.flush();
    QCOMPARE(view.curvesPlot()->graphCount(), 2);
    const QVector<QPointF> l1 = view.curveData(QStringLiteral("l1/W"));
    QCOMPARE(l1.size(), 3);
    QCOMPARE(l1[0], QPointF(10, 0.1));
    QCOMPARE(l1[2].x(), 30.0);
    QVERIFY(std::abs(l1[2].y() - 0.001) < 1e-12);
    QCOMPARE(view.curveData(QStringLiteral("l2/W")), (QVector<QPointF>{{10, 0.5}, {20, 0.5}, {30, 0.5}}));
    QVERIFY(view.graph(QStringLiteral("l1/W"))->pen().color().rgb() != view.graph(QStringLiteral("l2/W"))->pen().color().rgb());
    // Another quantity replots every curve from the history.
    view.setQuantity(ParamQuantity::DataNorm);
    QCOMPARE(view.curveData(QStringLiteral("l2/W")), (QVector<QPointF>{{10, 4}, {20, 4}, {30, 4}}));
    view.setQuantity(ParamQuantity::UpdateRatio);
    QCOMPARE(view.curveData(QStringLiteral("l2/W")).last(), QPointF(30, 0.003));
    QVERIFY(std::isnan(view.curveData(QStringLiteral("l1/W")).last().y()));  // unmeasured: a gap
    // Zero cannot sit on a log axis: a gap there, the value itself on a linear axis.
    ParamStatsSample zero = sample(40);
    zero.layers[1].updateRatio = 0.0;
    view.addSample(zero);
    view.flush();
    QVERIFY(std::isnan(view.curveData(QStringLiteral("l2/W")).last().y()));
    view.setLogScale(false);
    QCOMPARE(view.curveData(QStringLiteral("l2/W")).last(), QPointF(40, 0));
  }

  void nanAndInfAreFlagged() {
    ParamStatsView view;
    ParamStatsSample s = sample(10);
    s.layers[0].nanCount = 3;
    s.layers[1].infCount = 1200;
    view.addSample(s);
    view.flush();
    const Theme& theme = Theme::current();
    QTableWidget* t = view.table();
    QCOMPARE(cell(view, "l1/W", ParamStatsView::NanInfColumn), QStringLiteral("3 NaN"));
    QCOMPARE(cell(view, "l2/W", ParamStatsView::NanInfColumn), QStringLiteral("%1 Inf").arg(QLocale().toString(1200)));
    QCOMPARE(t->item(view.rowOf("l1/W"), ParamStatsView::PathColumn)->background().color(), theme.color(ThemeRole::NanMarker));
    QCOMPARE(t->item(view.rowOf("l2/W"), ParamStatsView::NanInfColumn)->background().color(), theme.color(ThemeRole::InfMarker));
    // The next sample is clean: the flag goes away.
    view.addSample(sample(20));
    view.flush();
    QCOMPARE(cell(view, "l1/W", ParamStatsView::NanInfColumn), QString());
    QCOMPARE(t->item(view.rowOf("l1/W"), ParamStatsView::PathColumn)->background().style(), Qt::NoBrush);
  }

  void heatmapHoldsTheSelectedLayersHistograms() {
    ParamStatsView view;
    for (int i = 10; i <= 40; i += 10) view.addSample(sample(i));
    view.flush();
    QCOMPARE(view.selectedLayer(), QStringLiteral("l1/W"));  // the first layer by default
    QCOMPARE(view.heatmapColumns(), 4);
    QCOMPARE(view.heatmap()->data()->valueSize(), 3);
    for (int x = 0; x < 4; ++x) {
      QCOMPARE(view.heatmapCount(x, 0), double(x + 1));  // counts {k, 2, 3} at iteration 10k
      QCOMPARE(view.heatmapCount(x, 2), 3.0);
    }
    QCOMPARE(view.heatmap()->dataRange().upper, 4.0);
    QCOMPARE(view.heatmap()->data()->keyRange(), QCPRange(10, 40));
    // Selecting a row shows that layer; its curve is drawn wider.
    view.table()->selectRow(view.rowOf(QStringLiteral("l2/W")));
    QCOMPARE(view.selectedLayer(), QStringLiteral("l2/W"));
    view.flush();
    QCOMPARE(view.heatmapCount(3, 1), 5.0);
    QCOMPARE(view.heatmapCount(3, 0), 0.0);
    QVERIFY(view.graph(QStringLiteral("l2/W"))->pen().widthF() > view.graph(QStringLiteral("l1/W"))->pen().widthF());
  }

  void heatmapColumnsFollowIterationsNotSampleCount() {
    ParamStatsView view;
    for (int i : {0, 10, 40}) view.addSample(sample(i));  // unevenly spaced, as the kernel adapts
    view.flush();
    QCOMPARE(view.heatmapColumns(), 3);  // at iterations 0, 20 and 40
    QCOMPARE(view.heatmapCount(0, 0), 0.0);
    QCOMPARE(view.heatmapCount(1, 0), 1.0);  // iteration 20 shows the sample of iteration 10
    QCOMPARE(view.heatmapCount(2, 0), 4.0);
    // The values' histograms instead of the gradient's.
    ParamStatsSample s = sample(50);
    s.layers[0].dataHistogram = {-2, 2, {7, 0, 0, 9}};
    view.addSample(s);
    view.setHeatmapOfValues(true);
    QCOMPARE(view.heatmap()->data()->valueSize(), 4);
    QCOMPARE(view.heatmapCount(view.heatmapColumns() - 1, 3), 9.0);
    QCOMPARE(view.heatmapCount(0, 3), 0.0);  // earlier samples had no value histogram
    view.setHeatmapOfValues(false);
    QCOMPARE(view.heatmap()->data()->valueSize(), 3);
  }

  void zoomingStopsFollowingUntilFit() {
    ParamStatsView view;
    view.addSample(sample(10));
    view.addSample(sample(20));
    view.flush();
    QCOMPARE(view.curvesPlot()->xAxis->range().upper, 20.0);
    view.setFollowData(false);  // what a wheel zoom or a drag does
    view.addSample(sample(30));
    view.flush();
    QCOMPARE(view.curvesPlot()->xAxis->range().upper, 20.0);
    QCOMPARE(view.curveData(QStringLiteral("l2/W")).size(), 3);  // the data is there all the same
    view.setFollowData(true);
    QCOMPARE(view.curvesPlot()->xAxis->range().upper, 30.0);
  }

  void redrawsAreCoalescedAndANewRunStartsOver() {
    ParamStatsView view;
    const int before = view.replotCount();
    for (int i = 1; i <= 500; ++i) view.addSample(sample(i));
    QCOMPARE(view.replotCount(), before);  // nothing drawn per sample
    QVERIFY(QTest::qWaitFor([&] { return view.replotCount() > before; }, 2000));
    QCOMPARE(view.replotCount(), before + 1);
    QCOMPARE(view.curveData(QStringLiteral("l2/W")).size(), 500);
    ParamStatsSample other = sample(1, QStringLiteral("r2"));
    other.layers.removeLast();
    view.addSample(other);
    view.flush();
    QCOMPARE(view.store().run(), QStringLiteral("r2"));
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.curvesPlot()->graphCount(), 1);
    QCOMPARE(view.curveData(QStringLiteral("l1/W")).size(), 1);
  }

  void longHistoriesAreThinned() {
    ParamStatsStore store;
    for (int i = 1; i <= ParamStatsStore::kMaxHistory + 1; ++i) store.add(sample(i));
    const ParamLayerHistory* h = store.layer(QStringLiteral("l2/W"));
    QVERIFY(h->samples.size() <= ParamStatsStore::kMaxHistory);
    QCOMPARE(h->samples.size(), h->iterations.size());
    QCOMPARE(h->iterations.last(), double(ParamStatsStore::kMaxHistory + 1));  // the newest kept
    QCOMPARE(h->iterations.first(), 1.0);
  }
};

QTEST_MAIN(TestWidgetParamStats)
#include "test_widget_param_stats.moc"
