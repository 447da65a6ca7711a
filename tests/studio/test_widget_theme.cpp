// Both themes give every role a valid colour and a unique name; the dark theme is dark.
#include "widgets/theme/theme.h"

#include <QApplication>
#include <QSet>
#include <QTest>

using namespace kusari::widgets;

class TestWidgetTheme : public QObject {
  Q_OBJECT
 private slots:
  void everyRoleHasAColour_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
  }
  void everyRoleHasAColour() {
    QFETCH(bool, dark);
    const Theme theme = dark ? Theme::dark() : Theme::light(QApplication::palette());
    QSet<QString> names;
    for (int i = 0; i < Theme::kRoleCount; ++i) {
      const auto role = static_cast<ThemeRole>(i);
      const QString name = Theme::roleName(role);
      QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
      QVERIFY2(!names.contains(name), qPrintable(name));
      names.insert(name);
      QVERIFY2(theme.color(role).isValid(), qPrintable(name));
    }
    for (int i = 0; i < 16; ++i) QVERIFY(theme.ansi(i).isValid());
  }

  void darkIsDarkEverywhere() {
    const Theme t = Theme::dark();
    for (ThemeRole r : {ThemeRole::Window, ThemeRole::Base, ThemeRole::EditorBackground, ThemeRole::PlotBackground,
                        ThemeRole::EditorMarginBackground, ThemeRole::ErrorBackground})
      QVERIFY2(t.color(r).lightness() < 60, qPrintable(Theme::roleName(r)));
    QVERIFY(t.color(ThemeRole::Text).lightness() > 150);
    QCOMPARE(t.palette().color(QPalette::Base), t.color(ThemeRole::Base));
  }

  void lightFollowsSystemPalette() {
    QPalette system;
    system.setColor(QPalette::Base, QColor(250, 240, 230));
    system.setColor(QPalette::Text, QColor(10, 20, 30));
    const Theme t = Theme::light(system);
    QCOMPARE(t.color(ThemeRole::Base), QColor(250, 240, 230));
    QCOMPARE(t.color(ThemeRole::Text), QColor(10, 20, 30));
  }
};

QTEST_MAIN(TestWidgetTheme)
#include "test_widget_theme.moc"
