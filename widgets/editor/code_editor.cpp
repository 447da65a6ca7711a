#include "widgets/editor/code_editor.h"

#include "widgets/debug/breakpoint_icons.h"
#include "widgets/theme/theme.h"

#include <Qsci/qscilexermarkdown.h>
#include <Qsci/qscilexerpython.h>
#include <QFontDatabase>
#include <QScrollBar>
#include <QWheelEvent>

namespace kusari::widgets {
namespace {

QFont editorFont() {
  QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  f.setPointSizeF(std::max(9.5, f.pointSizeF()));
  return f;
}

void stylePython(QsciLexerPython* lexer, const Theme& t) {
  using L = QsciLexerPython;
  const QFont font = editorFont();
  lexer->setDefaultFont(font);
  lexer->setDefaultPaper(t.color(ThemeRole::EditorBackground));
  lexer->setDefaultColor(t.color(ThemeRole::EditorText));
  for (int style = 0; style <= 127; ++style) {
    if (lexer->description(style).isEmpty()) continue;
    lexer->setFont(font, style);
    lexer->setPaper(t.color(ThemeRole::EditorBackground), style);
    lexer->setColor(t.color(ThemeRole::EditorText), style);
  }
  const auto set = [&](ThemeRole role, std::initializer_list<int> styles) {
    for (int s : styles) lexer->setColor(t.color(role), s);
  };
  set(ThemeRole::SyntaxComment, {L::Comment, L::CommentBlock});
  set(ThemeRole::SyntaxNumber, {L::Number});
  set(ThemeRole::SyntaxString,
      {L::DoubleQuotedString, L::SingleQuotedString, L::TripleSingleQuotedString, L::TripleDoubleQuotedString,
       L::DoubleQuotedFString, L::SingleQuotedFString, L::TripleSingleQuotedFString, L::TripleDoubleQuotedFString,
       L::UnclosedString});
  set(ThemeRole::SyntaxKeyword, {L::Keyword});
  set(ThemeRole::SyntaxDefinition, {L::ClassName, L::FunctionMethodName});
  set(ThemeRole::SyntaxOperator, {L::Operator});
  set(ThemeRole::SyntaxDecorator, {L::Decorator});
  set(ThemeRole::SyntaxBuiltin, {L::HighlightedIdentifier});
  lexer->setHighlightSubidentifiers(false);
}

}  // namespace

CodeEditor::CodeEditor(Language language, QWidget* parent) : QsciScintilla(parent), language_(language) {
  setUtf8(true);
  if (language == Language::Python) {
    auto* lexer = new QsciLexerPython(this);
    lexer->setIndentationWarning(QsciLexerPython::NoWarning);
    setLexer(lexer);
  } else {
    setLexer(new QsciLexerMarkdown(this));
  }
  setIndentationsUseTabs(false);
  setIndentationWidth(4);
  setTabWidth(4);
  setAutoIndent(true);
  setBraceMatching(QsciScintilla::SloppyBraceMatch);
  setWrapMode(language == Language::Markdown ? QsciScintilla::WrapWord : QsciScintilla::WrapNone);
  setCaretLineVisible(false);
  setFrameStyle(QFrame::NoFrame);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);
  SendScintilla(SCI_SETSCROLLWIDTH, 1);
  SendScintilla(SCI_SETENDATLASTLINE, 1);

  setMarginType(LineNumberMargin, QsciScintilla::NumberMargin);
  setMarginType(BreakpointMargin, QsciScintilla::SymbolMargin);
  setMarginSensitivity(BreakpointMargin, true);
  setMarginMarkerMask(BreakpointMargin, kBreakpointMarkerMask | (1 << PausedArrowMarker));
  setMarginMarkerMask(LineNumberMargin, 0);
  setMarginWidth(BreakpointMargin, language == Language::Python ? 14 : 0);
  setMarginWidth(LineNumberMargin, language == Language::Python ? QStringLiteral("000") : QString());
  markerDefine(QsciScintilla::RightArrow, PausedArrowMarker);
  markerDefine(QsciScintilla::Background, PausedLineMarker);

  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::fitHeight);
  horizontalScrollBar()->installEventFilter(this);
  applyTheme();
  fitHeight();
}

bool CodeEditor::eventFilter(QObject* watched, QEvent* event) {
  if (watched == horizontalScrollBar() && (event->type() == QEvent::Show || event->type() == QEvent::Hide))
    QMetaObject::invokeMethod(this, &CodeEditor::fitHeight, Qt::QueuedConnection);
  return QsciScintilla::eventFilter(watched, event);
}

void CodeEditor::applyTheme() {
  const Theme& t = Theme::current();
  if (auto* python = qobject_cast<QsciLexerPython*>(lexer())) {
    stylePython(python, t);
  } else if (lexer()) {
    lexer()->setDefaultFont(editorFont());
    lexer()->setDefaultPaper(t.color(ThemeRole::EditorBackground));
    lexer()->setDefaultColor(t.color(ThemeRole::EditorText));
    for (int style = 0; style <= 127; ++style) {
      if (lexer()->description(style).isEmpty()) continue;
      lexer()->setFont(editorFont(), style);
      lexer()->setPaper(t.color(ThemeRole::EditorBackground), style);
    }
  }
  setPaper(t.color(ThemeRole::EditorBackground));
  setColor(t.color(ThemeRole::EditorText));
  setCaretForegroundColor(t.color(ThemeRole::EditorCaret));
  setSelectionBackgroundColor(t.color(ThemeRole::EditorSelection));
  setSelectionForegroundColor(t.color(ThemeRole::EditorText));
  setMarginsBackgroundColor(t.color(ThemeRole::EditorMarginBackground));
  setMarginsForegroundColor(t.color(ThemeRole::EditorMarginText));
  setMarginsFont(editorFont());
  setMatchedBraceBackgroundColor(t.color(ThemeRole::EditorBraceMatch));
  setMatchedBraceForegroundColor(t.color(ThemeRole::EditorText));
  setUnmatchedBraceBackgroundColor(t.color(ThemeRole::EditorBraceBad));
  setUnmatchedBraceForegroundColor(t.color(ThemeRole::EditorText));
  const std::pair<Marker, BreakpointMarkerState> breakpoints[] = {
      {BreakpointMarker, BreakpointMarkerState::Enabled},
      {DisabledBreakpointMarker, BreakpointMarkerState::Disabled},
      {ConditionalBreakpointMarker, BreakpointMarkerState::Conditional},
      {LogpointMarker, BreakpointMarkerState::Logpoint}};
  for (const auto& [marker, state] : breakpoints) markerDefine(breakpointIcon(state).pixmap(12, 12), marker);
  setMarkerBackgroundColor(t.color(ThemeRole::PausedLineMarker), PausedArrowMarker);
  setMarkerForegroundColor(t.color(ThemeRole::PausedLineMarker).darker(140), PausedArrowMarker);
  setMarkerBackgroundColor(t.color(ThemeRole::PausedLineBackground), PausedLineMarker);
  fitHeight();
}

int CodeEditor::cursorOffset() const {
  const long bytePos = const_cast<CodeEditor*>(this)->SendScintilla(SCI_GETCURRENTPOS);
  return static_cast<int>(QString::fromUtf8(text().toUtf8().left(bytePos)).size());
}

void CodeEditor::setCursorOffset(int offset) {
  const long bytePos = text().left(offset).toUtf8().size();
  SendScintilla(SCI_GOTOPOS, bytePos);
}

void CodeEditor::setPausedLine(int line) {
  markerDeleteAll(PausedArrowMarker);
  markerDeleteAll(PausedLineMarker);
  paused_line_ = line >= 1 && line <= lines() ? line : 0;
  if (paused_line_ == 0) return;
  markerAdd(paused_line_ - 1, PausedArrowMarker);
  markerAdd(paused_line_ - 1, PausedLineMarker);
}

void CodeEditor::goToLine(int line) {
  setCursorPosition(std::max(0, line - 1), 0);
  ensureLineVisible(std::max(0, line - 1));
}

QSize CodeEditor::sizeHint() const {
  const int lineCount = std::max(1, lines());
  const int lineHeight = const_cast<CodeEditor*>(this)->SendScintilla(SCI_TEXTHEIGHT, 0);
  const int hbar = horizontalScrollBar()->isVisible() ? horizontalScrollBar()->sizeHint().height() : 0;
  return {200, lineCount * lineHeight + 2 * frameWidth() + hbar + 8};
}

void CodeEditor::fitHeight() {
  const int h = sizeHint().height();
  if (height() != h) setFixedHeight(h);
}

void CodeEditor::focusInEvent(QFocusEvent* event) {
  QsciScintilla::focusInEvent(event);
  // Only a person's choice enters the editor: not the window gaining focus on show.
  const auto reason = event->reason();
  if (reason == Qt::MouseFocusReason || reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason ||
      reason == Qt::ShortcutFocusReason)
    emit focusReceived();
}

void CodeEditor::wheelEvent(QWheelEvent* event) {
  // The editor never scrolls vertically: the notebook around it does.
  if (event->angleDelta().y() != 0 && event->angleDelta().x() == 0) {
    event->ignore();
    return;
  }
  QsciScintilla::wheelEvent(event);
}

}  // namespace kusari::widgets
