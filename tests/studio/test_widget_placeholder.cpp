// A placeholder dock follows a live theme switch: its text takes the new theme's muted colour,
// never keeping the colour of the theme it was created under.
#include "widgets/placeholder_pane.h"
#include "widgets/theme/theme.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

using namespace kusari::widgets;

class TestWidgetPlaceholder : public QObject {
  Q_OBJECT

  static void switchTo(const Theme& theme) {
    QApplication::setPalette(theme.palette());
    Theme::setCurrent(theme);
    QCoreApplication::processEvents();  // palette changes reach widgets as events
  }
  static void expectColours(const PlaceholderPane& pane, const Theme& theme) {
    const QList<QLabel*> labels = pane.findChildren<QLabel*>();
    QCOMPARE(labels.size(), 2);
    for (QLabel* label : labels) {
      QCOMPARE(label->palette().color(QPalette::WindowText), theme.color(ThemeRole::MutedText));
      QCOMPARE(label->palette().color(QPalette::Window), theme.color(ThemeRole::Window));
    }
  }

 private slots:
  void followsLiveThemeSwitch() {
    const Theme light = Theme::light(QApplication::palette());
    const Theme dark = Theme::dark();
    QVERIFY(light.color(ThemeRole::MutedText) != dark.color(ThemeRole::MutedText));
    switchTo(light);
    PlaceholderPane pane(QStringLiteral("Graph"), QStringLiteral("The graph appears here."));
    pane.show();
    expectColours(pane, light);
    switchTo(dark);
    expectColours(pane, dark);
    switchTo(light);
    expectColours(pane, light);
  }
};

QTEST_MAIN(TestWidgetPlaceholder)
#include "test_widget_placeholder.moc"
