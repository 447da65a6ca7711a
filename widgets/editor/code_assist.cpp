#include "widgets/editor/code_assist.h"

#include "widgets/editor/code_editor.h"

#include <QKeyEvent>
#include <QPointer>

namespace kusari::widgets {
namespace {
constexpr int kUserListId = 1;
}

CodeAssist::CodeAssist(CodeEditor* editor, CodeAssistProvider provider)
    : EditorDecorator(editor), provider_(std::move(provider)) {
  editor->installEventFilter(this);
  connect(editor, &QsciScintilla::SCN_CHARADDED, this, &CodeAssist::charAdded);
  connect(editor, &QsciScintilla::userListActivated, this, [this](int id, const QString& choice) {
    if (id != kUserListId) return;
    QString code = this->editor()->text();
    code.replace(shown_.replaceStart, shown_.replaceEnd - shown_.replaceStart, choice);
    this->editor()->setText(code);
    this->editor()->setCursorOffset(shown_.replaceStart + static_cast<int>(choice.size()));
  });
}

bool CodeAssist::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier && !editor()->isListActive() &&
        !editor()->hasSelectedText()) {
      const QString code = editor()->text();
      const int pos = editor()->cursorOffset();
      const QChar before = pos > 0 ? code[pos - 1] : QChar();
      if (provider_.complete && (before.isLetterOrNumber() || before == u'_' || before == u'.')) {
        requestCompletion();
        return true;
      }
    }
  }
  return EditorDecorator::eventFilter(watched, event);
}

void CodeAssist::requestCompletion() {
  if (!provider_.complete) return;
  const int generation = ++generation_;
  QPointer<CodeAssist> self(this);
  provider_.complete(editor()->text(), editor()->cursorOffset(), [self, generation](const CompletionResult& r) {
    if (self) self->showCompletions(r, generation);
  });
}

void CodeAssist::showCompletions(const CompletionResult& result, int generation) {
  if (generation != generation_ || result.matches.isEmpty()) return;
  shown_ = result;
  if (result.matches.size() == 1) {  // a single match completes at once, like a shell
    emit editor()->userListActivated(kUserListId, result.matches.first());
    return;
  }
  editor()->showUserList(kUserListId, result.matches);
}

void CodeAssist::charAdded(int ch) {
  if (ch == ')') editor()->SendScintilla(QsciScintilla::SCI_CALLTIPCANCEL);
  if (ch != '(' || !provider_.signature) return;
  const int generation = ++generation_;
  QPointer<CodeAssist> self(this);
  provider_.signature(editor()->text(), editor()->cursorOffset(), [self, generation](const QString& text) {
    if (!self || generation != self->generation_ || text.isEmpty()) return;
    const QByteArray utf8 = text.toUtf8();
    const long pos = self->editor()->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS);
    self->editor()->SendScintilla(QsciScintilla::SCI_CALLTIPSHOW, static_cast<unsigned long>(pos), utf8.constData());
  });
}

}  // namespace kusari::widgets
