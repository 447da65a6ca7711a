// OutputArea with a display replaced in place (update_display_data): only that view is new, at
// the same position; the other views, stream text included, are the same widgets as before.
#include <QBuffer>
#include <QImage>
#include <QJsonObject>
#include <QTest>

#include "widgets/output/image_output_view.h"
#include "widgets/output/output_area.h"
#include "widgets/output/stream_output_view.h"

using namespace kusari::widgets;

namespace {

QJsonObject image(int width) {
  QImage picture(width, 10, QImage::Format_RGB32);
  picture.fill(Qt::red);
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  picture.save(&buffer, "PNG");
  return {{"output_type", "display_data"},
          {"data", QJsonObject{{"text/plain", QStringLiteral("<image %1>").arg(width)},
                               {"image/png", QString::fromLatin1(png.toBase64())}}},
          {"metadata", QJsonObject()}};
}

QJsonObject stream(const QString& text) { return {{"output_type", "stream"}, {"name", "stdout"}, {"text", text}}; }

}  // namespace

class TestWidgetOutputReplace : public QObject {
  Q_OBJECT
 private slots:
  void replacedDisplayGetsANewViewInPlace() {
    OutputArea area;
    QVector<QJsonObject> outputs{image(20), stream("training\n"), image(30)};
    area.sync(outputs);
    QCOMPARE(area.viewCount(), 3);
    QWidget* first = area.view(0);
    QWidget* text = area.view(1);
    QWidget* last = area.view(2);

    outputs[0] = image(40);
    area.sync(outputs);
    QCOMPARE(area.viewCount(), 3);
    QVERIFY(area.view(0) != first);
    auto* fresh = qobject_cast<ImageOutputView*>(area.view(0));
    QVERIFY(fresh && fresh->isValid());
    QCOMPARE(fresh->pixmap().width(), 40);
    QCOMPARE(area.view(1), text);  // untouched
    QCOMPARE(area.view(2), last);
    QCOMPARE(qobject_cast<StreamOutputView*>(text)->fullText(), QStringLiteral("training\n"));

    outputs[2] = image(50);  // and again, the other one
    area.sync(outputs);
    QCOMPARE(area.view(1), text);
    QCOMPARE(qobject_cast<ImageOutputView*>(area.view(2))->pixmap().width(), 50);
  }

  void changedStreamStillRebuilds() {
    OutputArea area;
    QVector<QJsonObject> outputs{stream("a\n"), image(20)};
    area.sync(outputs);
    outputs[0] = stream("b\n");
    area.sync(outputs);
    QCOMPARE(area.viewCount(), 2);
    QCOMPARE(qobject_cast<StreamOutputView*>(area.view(0))->fullText(), QStringLiteral("b\n"));
  }
};

QTEST_MAIN(TestWidgetOutputReplace)
#include "test_widget_output_replace.moc"
