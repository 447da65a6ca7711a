// The Metrics dock is one for every open notebook: the runs it lists are labelled with the
// notebook they came from, so two notebooks' "run 1" stay apart; a new run raises the dock once.
#include <QDockWidget>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "main_window/cell_runner.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/metrics/metrics_view.h"

using namespace kusari::studio;
namespace protocol = kusari::protocol;

namespace {

const char* kEmptyNotebook = R"json({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})json";

protocol::Metrics oneRun(const QString& run, double loss) {
  protocol::Metrics m;
  m.runs = {{run, QStringLiteral("run 1 · 10:00:00"), QStringLiteral("cell1")}};
  protocol::MetricPoint p;
  p.run = run;
  p.name = QStringLiteral("main/loss");
  p.iteration = 1;
  p.epoch = 0.1;
  p.value = loss;
  m.points = {p};
  return m;
}

}  // namespace

class TestWindowMetrics : public QObject {
  Q_OBJECT
 private slots:
  void runsAreLabelledWithTheirNotebook() {
    QTemporaryDir dir;
    MainWindow window;
    window.setOfferRecovery(false);
    auto* view = window.findChild<kusari::widgets::MetricsView*>();
    QVERIFY(view);
    QList<NotebookDocument*> docs;
    for (const char* name : {"mnist.ipynb", "cifar.v2.ipynb"}) {
      QFile file(dir.filePath(QString::fromLatin1(name)));
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(kEmptyNotebook);
      file.close();
      QVERIFY(window.openNotebook(file.fileName()));
      docs << window.currentDocument();
    }
    QVERIFY(docs[0] != docs[1]);
    emit docs[0]->runner()->metricsReceived(oneRun(QStringLiteral("cell1@1.0"), 0.5));
    emit docs[1]->runner()->metricsReceived(oneRun(QStringLiteral("cell1@2.0"), 0.7));
    emit docs[0]->runner()->metricsReceived(oneRun(QStringLiteral("cell1@1.0"), 0.4));  // the same run goes on
    QCOMPARE(view->store().runLabel(QStringLiteral("cell1@1.0")), QStringLiteral("mnist · run 1 · 10:00:00"));
    QCOMPARE(view->store().runLabel(QStringLiteral("cell1@2.0")), QStringLiteral("cifar.v2 · run 1 · 10:00:00"));
  }
};

QTEST_MAIN(TestWindowMetrics)
#include "test_window_metrics.moc"
