// The outputs under a code cell, built from nbformat output objects. sync() is incremental:
// outputs already shown stay, new ones are added, and stream text arriving in pieces goes to
// the same stream view (consecutive outputs of one stream merge, as in Jupyter); a display
// replaced in place (update_display_data) gets a new view at the same position, the others stay.
#pragma once
#include <QJsonObject>
#include <QVector>
#include <QWidget>

class QVBoxLayout;

namespace kusari::widgets {

class StreamOutputView;

class OutputArea : public QWidget {
  Q_OBJECT
 public:
  explicit OutputArea(QWidget* parent = nullptr);

  void sync(const QVector<QJsonObject>& outputs);
  void clear();
  int viewCount() const;
  QWidget* view(int i) const;
  template <class T>
  QList<T*> views() const { return findChildren<T*>(Qt::FindDirectChildrenOnly); }
  void applyTheme();

 signals:
  void cellLinkActivated(const QString& cellId, int line);
  void tensorOpenRequested(const QJsonObject& summary);

 private:
  void add(const QJsonObject& output);
  bool replaceChangedDisplays(const QVector<QJsonObject>& outputs);
  QWidget* makeView(const QJsonObject& output);

  QVBoxLayout* layout_;
  QVector<QJsonObject> shown_;  // outputs already turned into views
  QVector<QWidget*> views_;     // the view of each of shown_ (merged stream pieces share one)
  StreamOutputView* last_stream_ = nullptr;
};

// The text of a multiline nbformat string (a string or a list of strings).
QString multilineText(const QJsonValue& value);

}  // namespace kusari::widgets
