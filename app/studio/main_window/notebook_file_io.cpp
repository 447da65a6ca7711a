// NotebookFileIO over the studio core's ipynb reader and writer.
#include "main_window/notebook_file_io.h"

#include "document/notebook.h"
#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "ipynb/script_export.h"

namespace kusari::studio {
namespace {

class IpynbFileIO : public NotebookFileIO {
 public:
  bool read(const QString& path, Notebook& notebook, QString* error) override {
    try {
      loadIpynbFile(path, notebook);
      notebook.setModified(false);
      return true;
    } catch (const IpynbError& e) {
      if (error) *error = QStringLiteral("%1: %2").arg(path, e.message());
      return false;
    }
  }
  bool write(const QString& path, const Notebook& notebook, QString* error) override {
    try {
      saveIpynbFile(path, notebook);
      return true;
    } catch (const IpynbError& e) {
      if (error) *error = e.message();
      return false;
    }
  }
};

}  // namespace

std::unique_ptr<NotebookFileIO> makeNotebookFileIO() { return std::make_unique<IpynbFileIO>(); }

QString notebookAsPython(const Notebook& notebook) { return exportPythonScript(notebook); }

}  // namespace kusari::studio
