#include "notebook.h"

#include <QRandomGenerator>

namespace kusari::studio {

Notebook::Notebook(QObject* parent) : QObject(parent) {}

int Notebook::indexOfId(const QString& id) const {
  for (int i = 0; i < cellCount(); ++i)
    if (cells_[i].id == id) return i;
  return -1;
}

QString Notebook::newCellId() {
  return QString::number(QRandomGenerator::global()->generate() | 0x10000000u, 16).right(8);
}

int Notebook::insertCell(int index, Cell cell) {
  index = std::clamp(index, 0, cellCount());
  if (cell.id.isEmpty() || indexOfId(cell.id) >= 0) cell.id = newCellId();
  cells_.insert(index, std::move(cell));
  emit cellInserted(index);
  touch();
  return index;
}

Cell Notebook::removeCell(int index) {
  Cell removed = cells_.takeAt(index);
  emit cellRemoved(index);
  touch();
  return removed;
}

void Notebook::moveCell(int from, int to) {
  if (from == to || from < 0 || to < 0 || from >= cellCount() || to >= cellCount()) return;
  cells_.move(from, to);
  emit cellMoved(from, to);
  touch();
}

void Notebook::setSource(int index, const QString& source) {
  if (cells_[index].source == source) return;
  cells_[index].source = source;
  emit sourceChanged(index);
  touch();
}

void Notebook::setCellType(int index, CellType type) {
  Cell& c = cells_[index];
  if (c.type == type) return;
  c.type = type;
  if (type != CellType::Code) {
    c.outputs.clear();
    c.executionCount.reset();
    emit outputsChanged(index);
  }
  emit cellTypeChanged(index);
  touch();
}

void Notebook::appendOutput(int index, const QJsonObject& output) {
  cells_[index].outputs.append(output);
  emit outputsChanged(index);
  touch();
}

void Notebook::setOutput(int index, int outputIndex, const QJsonObject& output) {
  cells_[index].outputs[outputIndex] = output;
  emit outputsChanged(index);
  touch();
}

void Notebook::clearOutputs(int index) {
  Cell& c = cells_[index];
  if (c.outputs.isEmpty() && !c.executionCount) return;
  c.outputs.clear();
  emit outputsChanged(index);
  if (c.executionCount) {
    c.executionCount.reset();
    emit executionCountChanged(index);
  }
  touch();
}

void Notebook::setExecutionCount(int index, std::optional<int> count) {
  cells_[index].executionCount = count;
  emit executionCountChanged(index);
  touch();
}

void Notebook::setMetadata(const QJsonObject& m) {
  metadata_ = m;
  touch();
}

void Notebook::setModified(bool modified) {
  if (modified_ == modified) return;
  modified_ = modified;
  emit modifiedChanged(modified);
}

void Notebook::touch() { setModified(true); }

}  // namespace kusari::studio
