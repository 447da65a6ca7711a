#include "headless_options.h"

namespace kusari::studio {

std::optional<HeadlessOptions> parseHeadlessOptions(const QStringList& arguments, QString* error) {
  HeadlessOptions options;
  const auto fail = [error](const QString& message) {
    *error = message;
    return std::nullopt;
  };
  for (qsizetype i = 0; i < arguments.size(); ++i) {
    const QString& arg = arguments[i];
    const bool hasValue = i + 1 < arguments.size();
    if (arg == QLatin1StringView("--execute") || arg == QLatin1StringView("-o") || arg == QLatin1StringView("--output") ||
        arg == QLatin1StringView("--timeout")) {
      if (!hasValue) return fail(QStringLiteral("%1 needs a value").arg(arg));
      const QString value = arguments[++i];
      if (arg == QLatin1StringView("--execute")) {
        options.input = value;
      } else if (arg == QLatin1StringView("--timeout")) {
        bool ok = false;
        options.cellTimeoutS = value.toDouble(&ok);
        if (!ok || options.cellTimeoutS < 0) return fail(QStringLiteral("--timeout needs seconds (a number >= 0), not '%1'").arg(value));
      } else {
        options.output = value;
      }
    } else {
      return fail(QStringLiteral("unexpected argument '%1'").arg(arg));
    }
  }
  if (options.input.isEmpty()) return fail(QStringLiteral("--execute needs a notebook"));
  if (options.output.isEmpty()) options.output = options.input;
  return options;
}

}  // namespace kusari::studio
