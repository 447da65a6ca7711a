// CBOR values to Python objects and back, for messages the kernel's Python side serves itself
// (the debugger's): map <-> dict (text keys), array <-> list (tuples too), text <-> str,
// bytes <-> bytes, integer <-> int, double <-> float, bool, null <-> None. Needs the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <QCborValue>

namespace kusari::kernel {

pybind11::object cborToPython(const QCborValue& value);
// Throws pybind11::type_error naming the offending value for anything else.
QCborValue pythonToCbor(pybind11::handle object);

}  // namespace kusari::kernel
