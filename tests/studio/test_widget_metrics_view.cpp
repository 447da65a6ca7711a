// MetricsView: series per (run, name) with the points appended, coalesced redraws, hide/show
// through the series list, log scale, EMA smoothing and CSV/PNG export.
#include "widgets/metrics/metrics_view.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <qcustomplot.h>

#include <cmath>

using namespace kusari::widgets;

class TestWidgetMetricsView : public QObject {
  Q_OBJECT
 private slots:
  void pointsMakeOneSeriesPerRunAndName() {
    MetricsView view;
    view.addRun(QStringLiteral("r1"), QStringLiteral("run 1"));
    for (int i = 1; i <= 3; ++i) {
      view.appendPoint(QStringLiteral("r1"), QStringLiteral("main/loss"), i, i / 3.0, 1.0 / i);
      view.appendPoint(QStringLiteral("r1"), QStringLiteral("main/accuracy"), i, i / 3.0, 0.5 + 0.1 * i);
    }
    view.appendPoint(QStringLiteral("r2"), QStringLiteral("main/loss"), 1, 0.1, 4.0);  // an unannounced run
    view.flush();
    QCOMPARE(view.graphCount(), 3);
    QCOMPARE(view.plot()->graphCount(), 3);
    QCOMPARE(view.plottedData(QStringLiteral("r1"), QStringLiteral("main/loss")),
             (QVector<QPointF>{{1, 1.0}, {2, 0.5}, {3, 1.0 / 3}}));
    QCOMPARE(view.plottedData(QStringLiteral("r2"), QStringLiteral("main/loss")), (QVector<QPointF>{{1, 4.0}}));
    QCOMPARE(view.store().runLabel(QStringLiteral("r1")), QStringLiteral("run 1"));
    QCOMPARE(view.store().runLabel(QStringLiteral("r2")), QStringLiteral("r2"));
    // The series list: one item per run with its metrics below it.
    QTreeWidget* list = view.seriesList();
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("run 1"));
    QCOMPARE(list->topLevelItem(0)->childCount(), 2);
    // Runs have their own colour; the earlier run is dimmed, the latest is not.
    const QColor old = view.graph(QStringLiteral("r1"), QStringLiteral("main/loss"))->pen().color();
    const QColor latest = view.graph(QStringLiteral("r2"), QStringLiteral("main/loss"))->pen().color();
    QVERIFY(old.rgb() != latest.rgb());
    QVERIFY(old.alpha() < latest.alpha());
    // Two metrics of one run: same colour, different line style.
    const QPen accuracy = view.graph(QStringLiteral("r1"), QStringLiteral("main/accuracy"))->pen();
    QCOMPARE(accuracy.color().rgb(), old.rgb());
    QVERIFY(accuracy.style() != view.graph(QStringLiteral("r1"), QStringLiteral("main/loss"))->pen().style());
  }

  void redrawsAreCoalesced() {
    MetricsView view;
    const int before = view.replotCount();
    for (int i = 0; i < 5000; ++i) view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), i, 0, std::sin(i * 0.01));
    QCOMPARE(view.replotCount(), before);  // nothing drawn per point
    QVERIFY(QTest::qWaitFor([&] { return view.replotCount() > before; }, 2000));
    QCOMPARE(view.replotCount(), before + 1);  // one redraw for the whole burst
    QCOMPARE(view.plottedData(QStringLiteral("r"), QStringLiteral("loss")).size(), 5000);
  }

  void hideAndShowThroughTheList() {
    MetricsView view;
    view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), 1, 0, 1);
    view.appendPoint(QStringLiteral("r"), QStringLiteral("acc"), 1, 0, 0.5);
    view.flush();
    QTreeWidgetItem* run = view.seriesList()->topLevelItem(0);
    QTreeWidgetItem* loss = run->child(0);
    QCOMPARE(loss->text(0), QStringLiteral("loss"));
    QCOMPARE(run->child(1)->text(0), QStringLiteral("acc"));
    QVERIFY(view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("acc")));
    loss->setCheckState(0, Qt::Unchecked);  // as a click on the checkbox does
    QVERIFY(!view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("loss")));
    QVERIFY(view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("acc")));
    view.setSeriesVisible(QStringLiteral("r"), QStringLiteral("loss"), true);
    QVERIFY(view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("loss")));
    QCOMPARE(loss->checkState(0), Qt::Checked);
    view.setRunVisible(QStringLiteral("r"), false);  // the run's box hides all its series
    QVERIFY(!view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("loss")));
    QVERIFY(!view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("acc")));
    view.appendPoint(QStringLiteral("r"), QStringLiteral("lr"), 1, 0, 0.1);  // joins its hidden run hidden
    QVERIFY(!view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("lr")));
    view.setRunVisible(QStringLiteral("r"), true);
    QVERIFY(view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("lr")));
    QVERIFY(view.isSeriesVisible(QStringLiteral("r"), QStringLiteral("acc")));
  }

  void logScale() {
    MetricsView view;
    view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), 1, 0, 100);
    view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), 2, 0, 0.01);
    QVERIFY(!view.logScale());
    view.setLogScale(true);
    QVERIFY(view.logScale());
    QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(view.plot()->yAxis->ticker()));
    view.setLogScale(false);
    QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLinear);
  }

  void emaSmoothing() {
    MetricsView view;
    const QVector<double> raw{1, 3, 2, std::nan(""), 4};
    for (int i = 0; i < raw.size(); ++i) view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), i, 0, raw[i]);
    view.flush();
    view.setSmoothing(0.5);
    // s0 = 1; s1 = .5*1 + .5*3 = 2; s2 = .5*2 + .5*2 = 2; NaN passes; s4 = .5*2 + .5*4 = 3
    const QVector<QPointF> smoothed = view.plottedData(QStringLiteral("r"), QStringLiteral("loss"));
    QCOMPARE(smoothed.size(), 5);
    QCOMPARE(smoothed[0].y(), 1.0);
    QCOMPARE(smoothed[1].y(), 2.0);
    QCOMPARE(smoothed[2].y(), 2.0);
    QVERIFY(std::isnan(smoothed[3].y()));
    QCOMPARE(smoothed[4].y(), 3.0);
    // Points appended later continue the average.
    view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), 5, 0, 5);
    view.flush();
    QCOMPARE(view.plottedData(QStringLiteral("r"), QStringLiteral("loss")).last().y(), 4.0);
    view.setSmoothing(0);  // raw again
    QCOMPARE(view.plottedData(QStringLiteral("r"), QStringLiteral("loss"))[1].y(), 3.0);
    QCOMPARE(view.store().find(QStringLiteral("r"), QStringLiteral("loss"))->values[1], 3.0);  // data untouched
  }

  void csvAndPngExport() {
    MetricsView view;
    view.addRun(QStringLiteral("c1@5"), QStringLiteral("run 1, cell"));
    view.appendPoint(QStringLiteral("c1@5"), QStringLiteral("main/loss"), 1, 0.5, 0.25);
    view.appendPoint(QStringLiteral("c1@5"), QStringLiteral("main/loss"), 2, 1, std::nan(""));
    view.appendPoint(QStringLiteral("c1@5"), QStringLiteral("lr"), 1, 0.5, 0.001);
    QCOMPARE(view.toCsv(), QStringLiteral("run,run_label,name,iteration,epoch,value\n"
                                          "c1@5,\"run 1, cell\",main/loss,1,0.5,0.25\n"
                                          "c1@5,\"run 1, cell\",main/loss,2,1,nan\n"
                                          "c1@5,\"run 1, cell\",lr,1,0.5,0.001\n"));
    QTemporaryDir dir;
    QString error;
    QVERIFY(view.exportCsv(dir.filePath(QStringLiteral("m.csv")), &error));
    QFile csv(dir.filePath(QStringLiteral("m.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(csv.readAll()), view.toCsv());
    view.resize(500, 300);
    QVERIFY(view.exportPng(dir.filePath(QStringLiteral("m.png")), &error));
    QImage png(dir.filePath(QStringLiteral("m.png")));
    QVERIFY(!png.isNull() && png.width() >= 640);
    QVERIFY(!view.exportCsv(dir.filePath(QStringLiteral("missing/m.csv")), &error));
    QVERIFY(error.contains(QStringLiteral("missing/m.csv")));
  }

  void clearForgetsEverything() {
    MetricsView view;
    view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), 1, 0, 1);
    view.flush();
    view.clear();
    QCOMPARE(view.graphCount(), 0);
    QCOMPARE(view.plot()->graphCount(), 0);
    QCOMPARE(view.seriesList()->topLevelItemCount(), 0);
    view.appendPoint(QStringLiteral("r"), QStringLiteral("loss"), 1, 0, 2);
    view.flush();
    QCOMPARE(view.plottedData(QStringLiteral("r"), QStringLiteral("loss")), (QVector<QPointF>{{1, 2}}));
  }
};

QTEST_MAIN(TestWidgetMetricsView)
#include "test_widget_metrics_view.moc"
