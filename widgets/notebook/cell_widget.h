// One cell in the notebook view: the prompt gutter ([n], [*], [ ]), the source (a CodeEditor;
// for markdown the rendered text until it is edited) and, for code, the outputs, with
// "Out[n]" in the gutter beside them when they hold the value of the cell's last expression. It shows a
// Cell and reports edits; the NotebookView decides what they mean for the Notebook.
#pragma once
#include "document/notebook.h"
#include "widgets/editor/code_assist.h"

#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace kusari::widgets {

class BreakpointMarkers;
class CodeEditor;
class MarkdownView;
class OutputArea;

enum class CellRunState { Idle, Queued, Running };

class CellWidget : public QFrame {
  Q_OBJECT
 public:
  CellWidget(const studio::Cell& cell, BreakpointMarkers* breakpoints, QWidget* parent = nullptr);

  QString cellId() const { return id_; }
  studio::CellType type() const { return type_; }
  void setCell(const studio::Cell& cell);  // a full refresh (e.g. after a type change)
  void setSource(const QString& source);   // from the model; no-op when equal
  void setOutputs(const QVector<QJsonObject>& outputs);
  void setExecutionCount(std::optional<int> count);
  void setRunState(CellRunState state);
  CellRunState runState() const { return run_state_; }
  void setSelected(bool selected);
  void setCurrent(bool current);
  void setEditing(bool editing);  // markdown: editor shown instead of the rendering
  bool isEditing() const { return editing_; }
  void setCodeAssist(const CodeAssistProvider& provider);

  CodeEditor* editor() const { return editor_; }
  MarkdownView* markdownView() const { return markdown_; }
  OutputArea* outputArea() const { return outputs_; }
  QString promptText() const;
  QString outputPromptText() const;  // "Out[n]" for an execute_result numbered n, else ""
  void applyTheme();

 signals:
  void sourceEdited(const QString& source);
  void clicked(Qt::KeyboardModifiers modifiers);
  void editRequested();
  void cellLinkActivated(const QString& cellId, int line);
  void tensorOpenRequested(const QJsonObject& summary);
  // The mouse rests over a name in the code (IdentifierHover); hoverEnded: it moved on.
  void identifierHovered(const QString& text, const QPoint& globalPos);
  void hoverEnded();

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  void rebuildSourceArea();
  void updatePrompt();

  QString id_;
  studio::CellType type_;
  std::optional<int> count_;
  CellRunState run_state_ = CellRunState::Idle;
  bool selected_ = false, current_ = false, editing_ = false;
  BreakpointMarkers* breakpoints_;
  CodeAssistProvider assist_;
  QLabel* prompt_;
  QLabel* out_prompt_;
  QVBoxLayout* body_;  // the source: editor, and the rendering of a markdown cell
  std::optional<int> result_count_;  // of the execute_result among the outputs
  CodeEditor* editor_ = nullptr;
  MarkdownView* markdown_ = nullptr;
  OutputArea* outputs_;
};

}  // namespace kusari::widgets
