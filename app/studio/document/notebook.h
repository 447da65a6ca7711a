// The notebook document: an ordered list of cells with their outputs, as nbformat 4.5 sees
// them. Everything the studio does not interpret (notebook and cell metadata, unknown cell
// keys, unknown output types) is kept as JSON so that a save writes back what was read.
// Views observe the signals; nothing here knows about widgets, files or kernels.
#pragma once
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QVector>
#include <optional>

namespace kusari::studio {

enum class CellType { Code, Markdown, Raw };

struct Cell {
  QString id;  // nbformat 4.5 cell id (generated when absent)
  CellType type = CellType::Code;
  QString source;
  QJsonObject metadata;
  std::optional<int> executionCount;  // code cells only
  QVector<QJsonObject> outputs;       // nbformat output objects, unknown types included
  QJsonObject extra;                  // keys of the cell object the studio does not know (attachments, ...)
};

class Notebook : public QObject {
  Q_OBJECT
 public:
  explicit Notebook(QObject* parent = nullptr);

  int cellCount() const { return static_cast<int>(cells_.size()); }
  const Cell& cell(int index) const { return cells_.at(index); }
  int indexOfId(const QString& id) const;  // -1 when absent
  const QVector<Cell>& cells() const { return cells_; }

  // Editing; each emits its signal and marks the notebook modified.
  int insertCell(int index, Cell cell);  // gives the cell an id when it has none; returns index
  Cell removeCell(int index);            // returns the removed cell (for undo)
  void moveCell(int from, int to);
  void setSource(int index, const QString& source);
  void setCellType(int index, CellType type);  // clears outputs and count when leaving Code
  void appendOutput(int index, const QJsonObject& output);
  void setOutput(int index, int outputIndex, const QJsonObject& output);  // e.g. stream text merged
  void clearOutputs(int index);  // and the execution count, as Jupyter's "Clear Outputs"
  void setExecutionCount(int index, std::optional<int> count);

  // Notebook-level JSON the studio keeps as read (kernelspec, language_info, user keys).
  const QJsonObject& metadata() const { return metadata_; }
  void setMetadata(const QJsonObject& m);
  int nbformatMinor() const { return nbformat_minor_; }
  void setNbformatMinor(int minor) { nbformat_minor_ = minor; }

  bool isModified() const { return modified_; }
  void setModified(bool modified);
  static QString newCellId();  // 8 lowercase hex characters, like JupyterLab's short ids

 signals:
  void cellInserted(int index);
  void cellRemoved(int index);
  void cellMoved(int from, int to);
  void sourceChanged(int index);
  void cellTypeChanged(int index);
  void outputsChanged(int index);
  void executionCountChanged(int index);
  void modifiedChanged(bool modified);

 private:
  void touch();
  QVector<Cell> cells_;
  QJsonObject metadata_;
  int nbformat_minor_ = 5;
  bool modified_ = false;
};

}  // namespace kusari::studio
