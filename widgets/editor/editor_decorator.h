// A behaviour attached to one CodeEditor (after NotepadNext's EditorDecorator): it lives as
// the editor's child, listens to it, and can be left out without touching the editor.
#pragma once
#include <QObject>

namespace kusari::widgets {

class CodeEditor;

class EditorDecorator : public QObject {
  Q_OBJECT
 public:
  explicit EditorDecorator(CodeEditor* editor);
  CodeEditor* editor() const { return editor_; }

 private:
  CodeEditor* editor_;
};

}  // namespace kusari::widgets
