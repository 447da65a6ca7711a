// The Parameters dock end to end: a Trainer in a notebook cell, run by the main window through
// its kernel session, fills the dock's table with every parameter of the model and names the
// notebook; the dock is tabbed with Metrics at the bottom.
#include <QDockWidget>
#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/param_stats/param_stats_view.h"

using namespace kusari::studio;
using kusari::widgets::ParamStatsView;

namespace {

const char* kNotebook = R"json({
 "cells": [
  {"cell_type": "code", "execution_count": null, "id": "train01", "metadata": {}, "outputs": [],
   "source": ["import numpy as np, tempfile\n",
              "import kusari, kusari.links as L\n",
              "from kusari import training\n",
              "rng = np.random.RandomState(0)\n",
              "t = rng.randint(0, 3, size=60).astype(np.int32)\n",
              "x = (rng.randn(3, 4)[t] * 3 + rng.randn(60, 4) * 0.5).astype(np.float32)\n",
              "model = L.Classifier(L.Linear(4, 3))\n",
              "opt = kusari.optimizers.SGD(lr=0.1)\n",
              "opt.setup(model)\n",
              "it = kusari.iterators.SerialIterator(kusari.datasets.TupleDataset(x, t), 10)\n",
              "trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), (50, 'iteration'), out=tempfile.mkdtemp())\n",
              "trainer.run()\n",
              "print('trained')"]}
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
)json";

}  // namespace

class TestWindowParamStats : public QObject {
  Q_OBJECT
 private slots:
  void trainingFillsTheParametersDock() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("train.ipynb"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kNotebook);
    file.close();

    MainWindow window;
    window.setOfferRecovery(false);
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("paramStatsDock"));
    auto* metrics = window.findChild<QDockWidget*>(QStringLiteral("metricsDock"));
    QVERIFY(dock && metrics);
    QCOMPARE(dock->windowTitle(), QStringLiteral("Parameters"));
    QVERIFY(window.tabifiedDockWidgets(metrics).contains(dock));
    auto* view = qobject_cast<ParamStatsView*>(dock->widget());
    QVERIFY(view);

    QVERIFY(window.openNotebook(path));
    window.runAllInCurrent();
    QVERIFY(QTest::qWaitFor([&] { return view->store().lastIteration() == 50; }, 60000));
    view->flush();
    QCOMPARE(view->store().paths(), (QStringList{"predictor/W", "predictor/b"}));
    QCOMPARE(view->table()->rowCount(), 2);
    QCOMPARE(view->table()->item(view->rowOf("predictor/W"), ParamStatsView::ShapeColumn)->text(), QStringLiteral("(3, 4)"));
    QVERIFY(view->store().layer(QStringLiteral("predictor/W"))->latest().gradNorm > 0);
    QVERIFY(view->store().run().startsWith(QStringLiteral("train01@")));
    QCOMPARE(view->runText(), QStringLiteral("train · iteration 50"));  // which notebook, as the dock serves all
  }
};

QTEST_MAIN(TestWindowParamStats)
#include "test_window_param_stats.moc"
