// Writing the Notebook model as nbformat 4.5, byte for byte the way Jupyter writes it:
// sorted keys, indent 1, multiline text as lists of lines, UTF-8 unescaped, a final newline.
#pragma once
#include <QByteArray>
#include <QJsonObject>

#include "document/notebook.h"
#include "ipynb/ipynb_error.h"

namespace kusari::studio {

QJsonObject cellToJson(const Cell& cell);
QJsonObject notebookToJson(const Notebook& notebook);
QByteArray serializeIpynb(const Notebook& notebook);

// Atomic: the file is replaced only once everything is written (QSaveFile), so a crash or a
// full disk never leaves half a notebook. Throws IpynbError (Kind::Io) on failure.
void saveIpynbFile(const QString& path, const Notebook& notebook);

}  // namespace kusari::studio
