#include "widgets/theme/theme.h"

#include <QGuiApplication>

namespace kusari::widgets {
namespace {

using R = ThemeRole;

struct Entry {
  R role;
  const char* name;
  const char* light;  // "" = take it from the system palette (see light())
  const char* dark;
};

// The single table of colours. Light entries left empty come from the system palette.
constexpr Entry kTable[] = {
    {R::Window, "window", "", "#1e1f22"},
    {R::Base, "base", "", "#1b1c1f"},
    {R::AlternateBase, "alternateBase", "", "#232429"},
    {R::Text, "text", "", "#d4d4d4"},
    {R::MutedText, "mutedText", "#6e7781", "#8b8f98"},
    {R::Border, "border", "#d0d7de", "#3a3d44"},
    {R::Highlight, "highlight", "", "#2f5d9e"},
    {R::HighlightedText, "highlightedText", "", "#ffffff"},
    {R::CellSelectedBar, "cellSelectedBar", "#1976d2", "#4e94ce"},
    {R::CellEditBar, "cellEditBar", "#2e7d32", "#6a9955"},
    {R::CellSelectedBackground, "cellSelectedBackground", "#f3f7fc", "#22262d"},
    {R::Prompt, "prompt", "#6e7781", "#858a93"},
    {R::PromptRunning, "promptRunning", "#d97706", "#e2a03f"},
    {R::PromptQueued, "promptQueued", "#9aa3ad", "#5f646d"},
    {R::EditorBackground, "editorBackground", "#f7f7f7", "#232529"},
    {R::EditorText, "editorText", "#1f2328", "#d4d4d4"},
    {R::EditorCaret, "editorCaret", "#1f2328", "#e8e8e8"},
    {R::EditorCurrentLine, "editorCurrentLine", "#eef1f5", "#25272c"},
    {R::EditorSelection, "editorSelection", "#cfe3fa", "#264f78"},
    {R::EditorMarginBackground, "editorMarginBackground", "#f7f7f7", "#232529"},
    {R::EditorMarginText, "editorMarginText", "#9aa0a6", "#5f646d"},
    {R::EditorBraceMatch, "editorBraceMatch", "#c8e6c9", "#3b514d"},
    {R::EditorBraceBad, "editorBraceBad", "#ffcdd2", "#5a2a2a"},
    {R::BreakpointMarker, "breakpointMarker", "#d32f2f", "#e05252"},
    {R::PausedLineBackground, "pausedLineBackground", "#fff4c2", "#4a4226"},
    {R::PausedLineMarker, "pausedLineMarker", "#e0a800", "#f2c94c"},
    {R::SyntaxKeyword, "syntaxKeyword", "#7c3aed", "#c586c0"},
    {R::SyntaxString, "syntaxString", "#0a7d30", "#ce9178"},
    {R::SyntaxComment, "syntaxComment", "#6e7781", "#6a9955"},
    {R::SyntaxNumber, "syntaxNumber", "#0550ae", "#b5cea8"},
    {R::SyntaxDefinition, "syntaxDefinition", "#8250df", "#dcdcaa"},
    {R::SyntaxDecorator, "syntaxDecorator", "#953800", "#d7ba7d"},
    {R::SyntaxOperator, "syntaxOperator", "#1f2328", "#d4d4d4"},
    {R::SyntaxBuiltin, "syntaxBuiltin", "#0550ae", "#4ec9b0"},
    {R::OutputText, "outputText", "", "#cccccc"},
    {R::ErrorBackground, "errorBackground", "#fdf0f0", "#2d1f20"},
    {R::ErrorTitle, "errorTitle", "#b3261e", "#f28b82"},
    {R::Link, "link", "", "#6cb6ff"},
    {R::StderrBackground, "stderrBackground", "#fff8e6", "#2b2718"},
    {R::AnsiBlack, "ansiBlack", "#3e424d", "#3e424d"},
    {R::AnsiRed, "ansiRed", "#c0392b", "#e06c75"},
    {R::AnsiGreen, "ansiGreen", "#1e8449", "#98c379"},
    {R::AnsiYellow, "ansiYellow", "#9a6700", "#e5c07b"},
    {R::AnsiBlue, "ansiBlue", "#1f5fbf", "#61afef"},
    {R::AnsiMagenta, "ansiMagenta", "#8e44ad", "#c678dd"},
    {R::AnsiCyan, "ansiCyan", "#117a8b", "#56b6c2"},
    {R::AnsiWhite, "ansiWhite", "#8c959f", "#c8ccd4"},
    {R::AnsiBrightBlack, "ansiBrightBlack", "#6e7781", "#7f848e"},
    {R::AnsiBrightRed, "ansiBrightRed", "#e74c3c", "#ff7b86"},
    {R::AnsiBrightGreen, "ansiBrightGreen", "#27ae60", "#b5e890"},
    {R::AnsiBrightYellow, "ansiBrightYellow", "#b7950b", "#f0d58c"},
    {R::AnsiBrightBlue, "ansiBrightBlue", "#3b82f6", "#82c4ff"},
    {R::AnsiBrightMagenta, "ansiBrightMagenta", "#a569bd", "#de9cf0"},
    {R::AnsiBrightCyan, "ansiBrightCyan", "#17a2b8", "#7fdbe6"},
    {R::AnsiBrightWhite, "ansiBrightWhite", "#b0b7c0", "#ffffff"},
    {R::PlotBackground, "plotBackground", "", "#1b1c1f"},
    {R::PlotAxis, "plotAxis", "#8c959f", "#6b6f78"},
    {R::PlotGrid, "plotGrid", "#e6e8eb", "#2c2f35"},
    {R::PlotText, "plotText", "", "#c8ccd4"},
    {R::NanMarker, "nanMarker", "#ff00ff", "#ff4dff"},
    {R::InfMarker, "infMarker", "#00c853", "#33ff88"},
    {R::KernelStarting, "kernelStarting", "#f59e0b", "#e2a03f"},
    {R::KernelIdle, "kernelIdle", "#22a559", "#4ec27a"},
    {R::KernelBusy, "kernelBusy", "#d97706", "#f0a030"},
    {R::KernelPaused, "kernelPaused", "#2563eb", "#5b9cff"},
    {R::KernelDead, "kernelDead", "#c62828", "#f06060"},
    {R::GraphBackground, "graphBackground", "", "#1b1c1f"},
    {R::GraphOpFill, "graphOpFill", "#e8eefb", "#263247"},
    {R::GraphVariableFill, "graphVariableFill", "#ffffff", "#26282d"},
    {R::GraphParameterFill, "graphParameterFill", "#fdf3dc", "#3a3222"},
    {R::GraphNodeBorder, "graphNodeBorder", "#8c959f", "#6b6f78"},
    {R::GraphNodeText, "graphNodeText", "", "#d4d4d4"},
    {R::GraphEdge, "graphEdge", "#8c959f", "#7a7f88"},
    {R::GraphClusterFill, "graphClusterFill", "#f6f8fa", "#212328"},
    {R::GraphClusterBorder, "graphClusterBorder", "#d0d7de", "#3a3d44"},
    {R::GraphClusterText, "graphClusterText", "#6e7781", "#8b8f98"},
    {R::GraphCurrent, "graphCurrent", "#2563eb", "#5b9cff"},
    {R::GraphBackward, "graphBackward", "#c2410c", "#e5895a"},
};
constexpr bool tableInRoleOrder() {
  for (int i = 0; i < Theme::kRoleCount; ++i)
    if (static_cast<int>(kTable[i].role) != i) return false;
  return true;
}
static_assert(std::size(kTable) == Theme::kRoleCount, "every ThemeRole needs one table entry");
static_assert(tableInRoleOrder(), "kTable lists the roles in ThemeRole's order");

QColor fromPalette(R role, const QPalette& p) {
  switch (role) {
    case R::Window: return p.color(QPalette::Window);
    case R::Base: return p.color(QPalette::Base);
    case R::AlternateBase: return p.color(QPalette::AlternateBase);
    case R::Text: return p.color(QPalette::Text);
    case R::Highlight: return p.color(QPalette::Highlight);
    case R::HighlightedText: return p.color(QPalette::HighlightedText);
    case R::OutputText: return p.color(QPalette::Text);
    case R::Link: return p.color(QPalette::Link);
    case R::PlotBackground: return p.color(QPalette::Base);
    case R::PlotText: return p.color(QPalette::Text);
    case R::GraphBackground: return p.color(QPalette::Base);
    case R::GraphNodeText: return p.color(QPalette::Text);
    default: return {};
  }
}

Theme& currentStorage() {
  static Theme theme = Theme::light(QGuiApplication::palette());
  return theme;
}

}  // namespace

Theme Theme::light(const QPalette& system) {
  Theme t;
  t.name_ = QStringLiteral("light");
  t.system_ = system;
  for (const Entry& e : kTable) {
    QColor c = *e.light ? QColor(QString::fromLatin1(e.light)) : fromPalette(e.role, system);
    t.colors_[static_cast<int>(e.role)] = c;
  }
  return t;
}

Theme Theme::dark() {
  Theme t;
  t.name_ = QStringLiteral("dark");
  t.dark_ = true;
  for (const Entry& e : kTable) t.colors_[static_cast<int>(e.role)] = QColor(QString::fromLatin1(e.dark));
  return t;
}

QColor Theme::ansi(int index) const {
  return colors_[static_cast<int>(R::AnsiBlack) + std::clamp(index, 0, 15)];
}

QString Theme::roleName(ThemeRole role) {
  for (const Entry& e : kTable)
    if (e.role == role) return QString::fromLatin1(e.name);
  return {};
}

QPalette Theme::palette() const {
  if (!dark_) return system_;
  QPalette p;
  p.setColor(QPalette::Window, color(R::Window));
  p.setColor(QPalette::WindowText, color(R::Text));
  p.setColor(QPalette::Base, color(R::Base));
  p.setColor(QPalette::AlternateBase, color(R::AlternateBase));
  p.setColor(QPalette::Text, color(R::Text));
  p.setColor(QPalette::Button, color(R::Window));
  p.setColor(QPalette::ButtonText, color(R::Text));
  p.setColor(QPalette::ToolTipBase, color(R::AlternateBase));
  p.setColor(QPalette::ToolTipText, color(R::Text));
  p.setColor(QPalette::PlaceholderText, color(R::MutedText));
  p.setColor(QPalette::Highlight, color(R::Highlight));
  p.setColor(QPalette::HighlightedText, color(R::HighlightedText));
  p.setColor(QPalette::Link, color(R::Link));
  p.setColor(QPalette::Mid, color(R::Border));
  p.setColor(QPalette::Dark, color(R::Window).darker(130));
  p.setColor(QPalette::Light, color(R::AlternateBase).lighter(130));
  p.setColor(QPalette::Midlight, color(R::AlternateBase));
  p.setColor(QPalette::Shadow, QColor(color(R::Window).darker(200)));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, color(R::MutedText));
  return p;
}

const Theme& Theme::current() { return currentStorage(); }

void Theme::setCurrent(const Theme& theme) {
  currentStorage() = theme;
  emit ThemeNotifier::instance()->changed();
}

ThemeNotifier* ThemeNotifier::instance() {
  static ThemeNotifier notifier;
  return &notifier;
}

}  // namespace kusari::widgets
