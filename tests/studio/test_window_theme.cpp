// A live theme switch (View > Dark Theme) reaches every part of the window that paints with
// theme colours of its own: the placeholder docks and the kernel state dot in the status bar.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>

#include "main_window/kernel_status.h"
#include "main_window/main_window.h"
#include "main_window/studio_actions.h"
#include "widgets/placeholder_pane.h"
#include "widgets/theme/theme.h"

using namespace kusari::studio;
using kusari::widgets::PlaceholderPane;
using kusari::widgets::Theme;
using kusari::widgets::ThemeRole;

class TestWindowTheme : public QObject {
  Q_OBJECT

  static void expectFollows(MainWindow& window, const Theme& theme) {
    QCoreApplication::processEvents();
    const QColor muted = theme.color(ThemeRole::MutedText);
    const QList<PlaceholderPane*> panes = window.findChildren<PlaceholderPane*>();
    QVERIFY(!panes.isEmpty());
    for (PlaceholderPane* pane : panes)
      for (QLabel* label : pane->findChildren<QLabel*>()) {
        QCOMPARE(label->palette().color(QPalette::WindowText), muted);
        QCOMPARE(label->palette().color(QPalette::Window), theme.palette().color(QPalette::Window));
      }
    auto* status = window.findChild<KernelStatus*>();
    QVERIFY(status);
    QCOMPARE(status->kernelState(), KernelState::NotStarted);  // its dot is in the muted colour
    const QString dot = status->findChildren<QLabel*>().first()->text();
    QVERIFY2(dot.contains(muted.name()), qPrintable(dot + QStringLiteral(" lacks ") + muted.name()));
  }

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void liveSwitchReachesDocksAndStatusBar() {
    const QPalette system = QApplication::palette();
    MainWindow window;
    window.show();
    window.setDarkTheme(false);
    expectFollows(window, Theme::light(system));
    window.actions().darkTheme->trigger();  // as from the View menu
    QVERIFY(window.actions().darkTheme->isChecked());
    expectFollows(window, Theme::dark());
    window.actions().darkTheme->trigger();
    expectFollows(window, Theme::light(system));
  }
};

QTEST_MAIN(TestWindowTheme)
#include "test_window_theme.moc"
