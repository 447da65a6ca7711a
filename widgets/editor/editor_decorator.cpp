#include "widgets/editor/editor_decorator.h"

#include "widgets/editor/code_editor.h"

namespace kusari::widgets {

EditorDecorator::EditorDecorator(CodeEditor* editor) : QObject(editor), editor_(editor) {}

}  // namespace kusari::widgets
