// Reading .ipynb files (nbformat 4.0 to 4.5+) into the Notebook model. Multiline fields arrive
// as one string in the model whatever the file used; everything the studio does not interpret
// is kept. Cell ids missing (4.0-4.4 notebooks) are generated and the notebook is upgraded to
// nbformat_minor 5. Anything malformed raises IpynbError naming what and where.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QVector>

#include "document/notebook.h"
#include "ipynb/ipynb_error.h"

namespace kusari::studio {

struct NotebookContent {
  QVector<Cell> cells;
  QJsonObject metadata;
  int nbformatMinor = 5;
  bool upgraded = false;  // cell ids were generated
};

NotebookContent parseIpynb(const QByteArray& bytes);
// Cell `number` (1-based, for messages) from its JSON; used by parseIpynb.
Cell parseCell(const QJsonValue& value, int number);

// Replaces the notebook's cells and metadata; on error the notebook is left untouched.
void loadIpynb(const QByteArray& bytes, Notebook& notebook);
void loadIpynbFile(const QString& path, Notebook& notebook);

}  // namespace kusari::studio
