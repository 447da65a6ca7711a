// Completion and signature help, answered by whoever owns the editor (the studio asks the
// kernel). Answers may arrive later; a reply for a stale request is dropped.
#pragma once
#include "widgets/editor/editor_decorator.h"

#include <QStringList>
#include <functional>

namespace kusari::widgets {

struct CompletionResult {
  QStringList matches;
  int replaceStart = 0;  // character offsets into the code the request carried
  int replaceEnd = 0;
};

struct CodeAssistProvider {
  // code, cursor offset (characters), reply
  std::function<void(const QString&, int, std::function<void(const CompletionResult&)>)> complete;
  // code, cursor offset just after '(', reply with the signature text ("" for none)
  std::function<void(const QString&, int, std::function<void(const QString&)>)> signature;
};

// Tab after an identifier or '.' asks for completions (otherwise Tab indents); '(' asks for
// the signature and shows it as a call tip.
class CodeAssist : public EditorDecorator {
  Q_OBJECT
 public:
  CodeAssist(CodeEditor* editor, CodeAssistProvider provider);
  void setProvider(CodeAssistProvider provider) { provider_ = std::move(provider); }
  void requestCompletion();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void showCompletions(const CompletionResult& result, int generation);
  void charAdded(int ch);
  CodeAssistProvider provider_;
  CompletionResult shown_;
  int generation_ = 0;
};

}  // namespace kusari::widgets
