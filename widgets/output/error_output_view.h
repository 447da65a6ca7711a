// An exception in a cell: "ename: evalue" first, the traceback folded under a toggle. Lines
// naming `<cell ID>` and a line number become links; activating one emits cellLinkActivated.
#pragma once
#include <QStringList>
#include <QUrl>
#include <QVector>
#include <QWidget>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace kusari::widgets {

struct CellLink {
  QString cellId;
  int line = 0;  // 1-based
  bool operator==(const CellLink&) const = default;
};

class ErrorOutputView : public QWidget {
  Q_OBJECT
 public:
  ErrorOutputView(const QString& ename, const QString& evalue, const QStringList& traceback,
                  QWidget* parent = nullptr);

  // Links found in a traceback (ANSI codes ignored), in order of appearance.
  static QVector<CellLink> findCellLinks(const QString& traceback);
  static QUrl linkUrl(const CellLink& link);
  static CellLink linkFromUrl(const QUrl& url);  // cellId empty when not a cell link

  QString message() const;
  bool isTracebackVisible() const;
  void setTracebackVisible(bool visible);
  QTextBrowser* tracebackView() const { return traceback_view_; }
  QVector<CellLink> links() const { return links_; }
  void applyTheme();

 signals:
  void cellLinkActivated(const QString& cellId, int line);

 private:
  QString tracebackHtml() const;
  QString traceback_;
  QVector<CellLink> links_;
  QLabel* message_;
  QToolButton* toggle_;
  QTextBrowser* traceback_view_;
};

}  // namespace kusari::widgets
