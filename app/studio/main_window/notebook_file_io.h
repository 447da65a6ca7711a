// Reading and writing .ipynb files behind a small interface, so the main window does not care
// whose reader it uses. Errors name what was wrong and where (file, line/column or cell).
#pragma once
#include <QString>
#include <memory>

namespace kusari::studio {

class Notebook;

class NotebookFileIO {
 public:
  virtual ~NotebookFileIO() = default;
  // Replaces the notebook's cells and metadata; on failure leaves it as it was.
  virtual bool read(const QString& path, Notebook& notebook, QString* error) = 0;
  virtual bool write(const QString& path, const Notebook& notebook, QString* error) = 0;
};

std::unique_ptr<NotebookFileIO> makeNotebookFileIO();

// Code cells as a script with "# %%" cell markers; markdown cells become comments.
QString notebookAsPython(const Notebook& notebook);

}  // namespace kusari::studio
