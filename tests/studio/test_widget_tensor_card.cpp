// The tensor card picks its colour map from the data: diverging (centred at 0, symmetric
// range) for signed data, sequential for non-negative data; NaN goes to the marker colour.
#include "widgets/output/tensor_card.h"
#include "widgets/output/tensor_heatmap.h"
#include "widgets/theme/color_maps.h"
#include "widgets/theme/theme.h"

#include <QJsonArray>
#include <QTest>
#include <QtEndian>
#include <qcustomplot.h>

#include <cmath>

using namespace kusari::widgets;

namespace {

QJsonObject summary(const QVector<float>& values, int rows, int cols) {
  QByteArray bytes(values.size() * 4, 0);
  for (int i = 0; i < values.size(); ++i) qToLittleEndian<float>(values[i], bytes.data() + 4 * i);
  double lo = INFINITY, hi = -INFINITY;
  int nan = 0;
  for (float v : values) {
    if (std::isnan(v)) { ++nan; continue; }
    lo = std::min<double>(lo, v);
    hi = std::max<double>(hi, v);
  }
  return QJsonObject{{"shape", QJsonArray{rows, cols}}, {"dtype", "float32"}, {"min", lo}, {"max", hi},
                     {"mean", 0.0}, {"std", 1.0}, {"nan_count", nan}, {"inf_count", 0},
                     {"preview_shape", QJsonArray{rows, cols}}, {"preview", QString::fromLatin1(bytes.toBase64())}};
}

}  // namespace

class TestWidgetTensorCard : public QObject {
  Q_OBJECT
 private slots:
  void choice_data() {
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<int>("kind");
    QTest::newRow("weights") << -0.3 << 0.2 << int(ColorMapKind::Diverging);
    QTest::newRow("all negative") << -5.0 << -1.0 << int(ColorMapKind::Diverging);
    QTest::newRow("pixels") << 0.0 << 1.0 << int(ColorMapKind::Sequential);
    QTest::newRow("relu output") << 0.0 << 7.5 << int(ColorMapKind::Sequential);
    QTest::newRow("constant") << 2.0 << 2.0 << int(ColorMapKind::Sequential);
  }
  void choice() {
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(int, kind);
    QCOMPARE(int(chooseColorMap(min, max)), kind);
  }

  void divergingRangeIsSymmetric() {
    const auto [lo, hi] = colorMapRange(ColorMapKind::Diverging, -0.5, 2.0);
    QCOMPARE(lo, -2.0);
    QCOMPARE(hi, 2.0);
    // The middle of the diverging map is white-ish: zero reads as "nothing".
    const QColor mid = colorGradient(ColorMapKind::Diverging).color(0.0, QCPRange(-1, 1));
    QVERIFY(mid.lightness() > 230);
  }

  void signedCardUsesDivergingMap() {
    TensorCard card(summary({-1.0f, 0.5f, 0.0f, 2.0f}, 2, 2));
    QCOMPARE(card.heatmap()->colorMapKind(), ColorMapKind::Diverging);
    QCOMPARE(card.heatmap()->colorRange(), (std::pair<double, double>{-2.0, 2.0}));
    QCOMPARE(card.data().shapeText(), QStringLiteral("(2, 2)"));
  }

  void nonNegativeCardUsesSequentialMap() {
    TensorCard card(summary({0.0f, 0.25f, 0.5f, 1.0f, 0.0f, 0.75f}, 2, 3));
    QCOMPARE(card.heatmap()->colorMapKind(), ColorMapKind::Sequential);
    QCOMPARE(card.heatmap()->colorRange(), (std::pair<double, double>{0.0, 1.0}));
    QCOMPARE(card.data().preview.size(), 6);
    QCOMPARE(card.data().preview[3], 1.0f);
  }

  void nanDrawnInMarkerColour() {
    TensorCard card(summary({0.0f, NAN, 0.5f, 1.0f}, 2, 2));
    auto* map = qobject_cast<QCPColorMap*>(card.heatmap()->plot()->plottable(0));
    QVERIFY(map);
    QVERIFY(std::isnan(map->data()->cell(1, 0)));
    QCOMPARE(map->gradient().nanHandling(), QCPColorGradient::nhNanColor);
    QCOMPARE(map->gradient().nanColor(), Theme::current().color(ThemeRole::NanMarker));
    QCOMPARE(card.data().nanCount, 1);
  }
};

QTEST_MAIN(TestWidgetTensorCard)
#include "test_widget_tensor_card.moc"
