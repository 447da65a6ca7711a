#include "main_window/cell_runner.h"

namespace kusari::studio {

void DetachedRunner::run(const QVector<int>& indexes) {
  QStringList cells;
  for (int i : indexes) cells << QString::number(i + 1);
  emit logMessage(tr("No kernel session in this build: cell(s) %1 not run.").arg(cells.join(QStringLiteral(", "))));
}

}  // namespace kusari::studio
