// Text kusari-debug prints: tensor statistics, shapes, graph nodes.
#pragma once

#include <QCborMap>
#include <QString>

#include "protocol/debug_messages.h"

namespace kusari::debug_cli {

QString shapeText(const QCborValue& shape);  // a CBOR array [2, 4] -> "(2, 4)"
QString shapeText(const QList<qint64>& shape);
// "float32 (2, 4) cpu  min -1 max 3 mean 0.5 std 1.2  nan 0 inf 0"
QString statsText(const protocol::TensorStats& stats);
QString statsText(const QCborMap& stats);  // a stats map of a stop's extra; "-" when empty
// "#12  linear  l1  (2, 3) (4, 3) (4,) -> (2, 4)  at script.py:12"
QString graphNodeText(const QCborMap& node, bool backwardRan);

}  // namespace kusari::debug_cli
