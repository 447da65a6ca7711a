#include "line_reader.h"

#include <iostream>
#include <string>

namespace kusari::debug_cli {

void LineReader::run() {
  std::string line;
  while (std::getline(std::cin, line)) emit lineRead(QString::fromStdString(line));
  emit endOfInput();
}

}  // namespace kusari::debug_cli
