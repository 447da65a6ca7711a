#include "widgets/notebook/cell_widget.h"

#include "widgets/editor/breakpoint_margin.h"
#include "widgets/editor/code_editor.h"
#include "widgets/editor/identifier_hover.h"
#include "widgets/editor/python_auto_indent.h"
#include "widgets/notebook/markdown_view.h"
#include "widgets/output/output_area.h"
#include "widgets/theme/theme.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>

namespace kusari::widgets {

using studio::CellType;

namespace {
constexpr int kBarWidth = 3;
constexpr int kPromptWidth = 64;  // fits "Out[123]"
}  // namespace

CellWidget::CellWidget(const studio::Cell& cell, BreakpointMarkers* breakpoints, QWidget* parent)
    : QFrame(parent), id_(cell.id), type_(cell.type), count_(cell.executionCount), breakpoints_(breakpoints),
      prompt_(new QLabel(this)), out_prompt_(new QLabel(this)), body_(new QVBoxLayout), outputs_(new OutputArea(this)) {
  // Gutter | source on the first row, gutter | outputs on the second.
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(kBarWidth + 4, 4, 10, 4);
  grid->setHorizontalSpacing(4);
  grid->setVerticalSpacing(0);
  for (QLabel* label : {prompt_, out_prompt_}) {
    label->setFixedWidth(kPromptWidth);
    label->setAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  }
  prompt_->setContentsMargins(0, 3, 4, 0);
  out_prompt_->setContentsMargins(0, 6, 4, 0);  // level with the first line of the outputs
  grid->addWidget(prompt_, 0, 0, Qt::AlignTop);
  grid->addWidget(out_prompt_, 1, 0, Qt::AlignTop);
  body_->setContentsMargins(0, 0, 0, 0);
  body_->setSpacing(0);
  grid->addLayout(body_, 0, 1);
  grid->addWidget(outputs_, 1, 1);
  grid->setColumnStretch(1, 1);
  connect(outputs_, &OutputArea::cellLinkActivated, this, &CellWidget::cellLinkActivated);
  connect(outputs_, &OutputArea::tensorOpenRequested, this, &CellWidget::tensorOpenRequested);
  setCell(cell);
}

void CellWidget::setCell(const studio::Cell& cell) {
  id_ = cell.id;
  type_ = cell.type;
  count_ = cell.executionCount;
  editing_ = false;
  rebuildSourceArea();
  setSource(cell.source);
  setOutputs(cell.outputs);
  updatePrompt();
  applyTheme();
}

void CellWidget::rebuildSourceArea() {
  delete editor_;
  delete markdown_;
  editor_ = nullptr;
  markdown_ = nullptr;
  const bool code = type_ == CellType::Code;
  editor_ = new CodeEditor(code ? CodeEditor::Language::Python : CodeEditor::Language::Markdown, this);
  body_->addWidget(editor_);
  if (code) {
    new BreakpointMargin(editor_, breakpoints_, [this] { return id_; });
    new PythonAutoIndent(editor_);
    new CodeAssist(editor_, assist_);
    new IdentifierHover(editor_);
    connect(editor_, &CodeEditor::identifierHovered, this, &CellWidget::identifierHovered);
    connect(editor_, &CodeEditor::hoverEnded, this, &CellWidget::hoverEnded);
  }
  if (type_ == CellType::Markdown) {
    markdown_ = new MarkdownView(this);
    body_->addWidget(markdown_);
    editor_->hide();
    connect(markdown_, &MarkdownView::editRequested, this, &CellWidget::editRequested);
    connect(markdown_, &MarkdownView::clicked, this, &CellWidget::clicked);
  }
  outputs_->setVisible(code);
  connect(editor_, &QsciScintilla::textChanged, this, [this] { emit sourceEdited(editor_->text()); });
  connect(editor_, &CodeEditor::focusReceived, this, &CellWidget::editRequested);
}

void CellWidget::setSource(const QString& source) {
  if (editor_->text() != source) {
    {
      const QSignalBlocker block(editor_);  // a model update is not a user edit
      editor_->setText(source);
    }
    editor_->fitHeight();
    if (auto* margin = editor_->findChild<BreakpointMargin*>()) margin->redraw();
  }
  if (markdown_ && !editing_) markdown_->setMarkdownSource(source);
}

void CellWidget::setOutputs(const QVector<QJsonObject>& outputs) {
  outputs_->sync(outputs);
  outputs_->setVisible(type_ == CellType::Code && !outputs.isEmpty());
  result_count_.reset();
  for (const QJsonObject& output : outputs) {
    const QJsonValue count = output.value(QLatin1StringView("execution_count"));
    if (output.value(QLatin1StringView("output_type")).toString() == QLatin1StringView("execute_result") && count.isDouble())
      result_count_ = count.toInt();
  }
  updatePrompt();
}

void CellWidget::setExecutionCount(std::optional<int> count) {
  count_ = count;
  updatePrompt();
}

void CellWidget::setRunState(CellRunState state) {
  run_state_ = state;
  updatePrompt();
}

QString CellWidget::promptText() const {
  if (type_ != CellType::Code) return {};
  if (run_state_ != CellRunState::Idle) return QStringLiteral("[*]");
  return count_ ? QStringLiteral("[%1]").arg(*count_) : QStringLiteral("[ ]");
}

QString CellWidget::outputPromptText() const {
  if (type_ != CellType::Code || !result_count_) return {};
  const QString text = QStringLiteral("Out[%1]").arg(*result_count_);
  // A long count drops "Out" rather than being cut off.
  return out_prompt_->fontMetrics().horizontalAdvance(text) <= kPromptWidth - 4 ? text : QStringLiteral("[%1]").arg(*result_count_);
}

void CellWidget::updatePrompt() {
  prompt_->setText(promptText());
  out_prompt_->setText(outputPromptText());
  out_prompt_->setVisible(outputs_->isVisibleTo(this) && !out_prompt_->text().isEmpty());
  const Theme& t = Theme::current();
  const ThemeRole role = run_state_ == CellRunState::Running ? ThemeRole::PromptRunning
                         : run_state_ == CellRunState::Queued ? ThemeRole::PromptQueued
                                                              : ThemeRole::Prompt;
  QPalette p = prompt_->palette();
  p.setColor(QPalette::WindowText, t.color(role));
  prompt_->setPalette(p);
  QPalette out = out_prompt_->palette();
  out.setColor(QPalette::WindowText, t.color(ThemeRole::Prompt));
  out_prompt_->setPalette(out);
  prompt_->setToolTip(run_state_ == CellRunState::Running  ? tr("Running")
                      : run_state_ == CellRunState::Queued ? tr("Queued")
                                                           : QString());
}

void CellWidget::setSelected(bool selected) {
  if (selected_ == selected) return;
  selected_ = selected;
  applyTheme();
}

void CellWidget::setCurrent(bool current) {
  if (current_ == current) return;
  current_ = current;
  update();
}

void CellWidget::setEditing(bool editing) {
  if (editing_ == editing) return;
  editing_ = editing;
  if (markdown_) {
    markdown_->setVisible(!editing);
    editor_->setVisible(editing);
    if (!editing) markdown_->setMarkdownSource(editor_->text());
  }
  update();
}

void CellWidget::setCodeAssist(const CodeAssistProvider& provider) {
  assist_ = provider;
  if (auto* assist = editor_->findChild<CodeAssist*>()) assist->setProvider(provider);
}

void CellWidget::mousePressEvent(QMouseEvent* event) {
  emit clicked(event->modifiers());
  QFrame::mousePressEvent(event);
}

void CellWidget::paintEvent(QPaintEvent* event) {
  QFrame::paintEvent(event);
  if (!current_ && !selected_) return;
  QPainter painter(this);
  const Theme& t = Theme::current();
  const QColor bar = editing_ ? t.color(ThemeRole::CellEditBar) : t.color(ThemeRole::CellSelectedBar);
  painter.fillRect(QRect(0, 2, kBarWidth, height() - 4), bar);
}

void CellWidget::applyTheme() {
  const Theme& t = Theme::current();
  setAutoFillBackground(true);
  QPalette p = palette();
  p.setColor(QPalette::Window, selected_ ? t.color(ThemeRole::CellSelectedBackground) : t.color(ThemeRole::Base));
  setPalette(p);
  editor_->applyTheme();
  if (markdown_) markdown_->applyTheme();
  outputs_->applyTheme();
  updatePrompt();
  update();
}

}  // namespace kusari::widgets
