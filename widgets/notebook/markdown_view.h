// A markdown cell when it is not being edited: rendered by QTextDocument's CommonMark reader,
// as tall as its text. A double-click asks for the editor.
#pragma once
#include <QTextBrowser>

namespace kusari::widgets {

class MarkdownView : public QTextBrowser {
  Q_OBJECT
 public:
  explicit MarkdownView(QWidget* parent = nullptr);
  void setMarkdownSource(const QString& markdown);
  QSize sizeHint() const override;
  void applyTheme();

 signals:
  void editRequested();
  void clicked(Qt::KeyboardModifiers modifiers);

 protected:
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void fitHeight();
  QString markdown_;
};

}  // namespace kusari::widgets
