// The command line of `kusari-studio --execute`: parsed, or a usage error.
#pragma once
#include <QString>
#include <QStringList>
#include <optional>

namespace kusari::studio {

struct HeadlessOptions {
  QString input;
  QString output;             // where the executed notebook goes; the input itself when not given
  double cellTimeoutS = 0;    // per cell; 0: no limit
};

// nullopt and *error when the arguments are not `--execute IN [-o OUT] [--timeout S]`.
std::optional<HeadlessOptions> parseHeadlessOptions(const QStringList& arguments, QString* error);

}  // namespace kusari::studio
