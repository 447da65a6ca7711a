// Every colour the studio paints with, by role. The light theme follows the system palette
// (and fills the roles a palette has no word for); the dark theme is dark everywhere: widgets,
// editor, outputs and plots. Views ask Theme::current() and re-read it on themeChanged().
#pragma once
#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>
#include <array>

namespace kusari::widgets {

enum class ThemeRole {
  // surfaces and text
  Window, Base, AlternateBase, Text, MutedText, Border, Highlight, HighlightedText,
  // cells
  CellSelectedBar, CellEditBar, CellSelectedBackground, Prompt, PromptRunning, PromptQueued,
  // code editor
  EditorBackground, EditorText, EditorCaret, EditorCurrentLine, EditorSelection,
  EditorMarginBackground, EditorMarginText, EditorBraceMatch, EditorBraceBad, BreakpointMarker,
  PausedLineBackground, PausedLineMarker,
  SyntaxKeyword, SyntaxString, SyntaxComment, SyntaxNumber, SyntaxDefinition, SyntaxDecorator,
  SyntaxOperator, SyntaxBuiltin,
  // outputs
  OutputText, ErrorBackground, ErrorTitle, Link, StderrBackground,
  AnsiBlack, AnsiRed, AnsiGreen, AnsiYellow, AnsiBlue, AnsiMagenta, AnsiCyan, AnsiWhite,
  AnsiBrightBlack, AnsiBrightRed, AnsiBrightGreen, AnsiBrightYellow, AnsiBrightBlue,
  AnsiBrightMagenta, AnsiBrightCyan, AnsiBrightWhite,
  // plots and tensors
  PlotBackground, PlotAxis, PlotGrid, PlotText, NanMarker, InfMarker,
  // kernel state dots
  KernelStarting, KernelIdle, KernelBusy, KernelPaused, KernelDead,
  // computational graph
  GraphBackground, GraphOpFill, GraphVariableFill, GraphParameterFill, GraphNodeBorder, GraphNodeText,
  GraphEdge, GraphClusterFill, GraphClusterBorder, GraphClusterText, GraphCurrent, GraphBackward,
  Count
};

class Theme {
 public:
  static constexpr int kRoleCount = static_cast<int>(ThemeRole::Count);

  static Theme light(const QPalette& system);
  static Theme dark();

  QString name() const { return name_; }
  bool isDark() const { return dark_; }
  QColor color(ThemeRole role) const { return colors_[static_cast<int>(role)]; }
  QColor ansi(int index) const;  // 0..15, the 16 ANSI colours
  // The application palette this theme wants (light: the system palette unchanged).
  QPalette palette() const;
  static QString roleName(ThemeRole role);

  static const Theme& current();
  static void setCurrent(const Theme& theme);

 private:
  QString name_;
  bool dark_ = false;
  QPalette system_;
  std::array<QColor, kRoleCount> colors_{};
};

// Emits changed() after Theme::setCurrent, so views can restyle themselves.
class ThemeNotifier : public QObject {
  Q_OBJECT
 public:
  static ThemeNotifier* instance();
 signals:
  void changed();
};

}  // namespace kusari::widgets
