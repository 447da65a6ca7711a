// variables_request against a real kusari-kernel: what the Variables pane is shown.
#include <QSignalSpy>
#include <QTest>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using namespace kusari::protocol;

class TestKernelVariables : public QObject {
  Q_OBJECT
  KernelClient kernel_;

  QList<VariableInfo> variables() {
    QSignalSpy replies(&kernel_, &KernelClient::variablesReply);
    const QString id = kernel_.requestVariables();
    if (!replies.wait(20000)) return {};
    if (replies[0][0].toString() != id) return {};
    return replies[0][1].value<VariablesReply>().variables;
  }
  static const VariableInfo* find(const QList<VariableInfo>& list, const QString& name) {
    for (const VariableInfo& v : list)
      if (v.name == name) return &v;
    return nullptr;
  }

 private slots:
  void initTestCase() {
    kernel_.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
  }

  void emptyNamespaceHasNoVariables() { QCOMPARE(variables().size(), 0); }

  void namespaceListed() {
    KUSARI_RUN_CELL(kernel_, record,
                    "import numpy as np\nimport os\n"
                    "a = np.array([[1.0, 2.0], [np.nan, 6.0]], dtype=np.float32)\n"
                    "n = 3\ns = 'x' * 500\n_private = 1\n"
                    "def f(): pass\nclass C: pass\nc = C()\nflags = np.array([], dtype=bool)\n"
                    "class V:\n    _kusari_variable = True\n    device = 'cpu'\n    array = np.arange(4.0).reshape(2, 2)\nv = V()\n",
                    "vars");
    QVERIFY2(record.errors.isEmpty(), qPrintable(record.errorText()));
    const QList<VariableInfo> list = variables();
    QStringList names;
    for (const VariableInfo& v : list) names << v.name;
    QCOMPARE(names, (QStringList{"a", "c", "flags", "n", "s", "v"}));  // sorted; no np, os, f, C, _private

    const VariableInfo* a = find(list, "a");
    QCOMPARE(a->typeName, QStringLiteral("ndarray"));
    QCOMPARE(a->shape, (QList<qint64>{2, 2}));
    QCOMPARE(a->dtype, QStringLiteral("float32"));
    QVERIFY(a->hasStats);
    QCOMPARE(a->min, 1.0);  // NaN ignored
    QCOMPARE(a->max, 6.0);
    QCOMPARE(a->mean, 3.0);
    QVERIFY(a->repr.isEmpty());

    const VariableInfo* n = find(list, "n");
    QCOMPARE(n->typeName, QStringLiteral("int"));
    QCOMPARE(n->repr, QStringLiteral("3"));
    QVERIFY(n->shape.isEmpty());
    QVERIFY(!n->hasStats);
    QVERIFY2(find(list, "s")->repr.size() <= 80, qPrintable(find(list, "s")->repr));
    QVERIFY(find(list, "c")->repr.contains(QStringLiteral("C object")));
    QVERIFY(!find(list, "flags")->hasStats);  // empty: no statistics, not zeros

    const VariableInfo* v = find(list, "v");  // a kusari.Variable look-alike
    QCOMPARE(v->shape, (QList<qint64>{2, 2}));
    QCOMPARE(v->dtype, QStringLiteral("float64"));
    QCOMPARE(v->mean, 1.5);
  }
};

QTEST_GUILESS_MAIN(TestKernelVariables)
#include "test_kernel_variables.moc"
