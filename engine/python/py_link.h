// The trampoline that lets Python subclass kusari.Link, Chain, ChainList and Sequential:
// C++ callers (a Classifier, a Sequential) reach a Python forward() and serialize() through
// the virtual functions.
#pragma once
#include "link_args.h"
#include "kusari/serializers/serializer.h"

namespace kusari::python {

// Lets the binding run the C++ part of serialize() under a Python override.
class PyLinkHooks {
 public:
  virtual ~PyLinkHooks() = default;
  virtual void serialize_base(Serializer& s) = 0;
};

template <typename Base>
class PyLink : public Base, public PyLinkHooks {
 public:
  using Base::Base;
  // Python forward(), or a Python __call__() (older Chainer code defines that instead).
  Variable forward(const Variable& x) override {
    {
      py::gil_scoped_acquire gil;
      for (const char* name : {"forward", "__call__"})
        if (py::function f = py::get_override(static_cast<const Base*>(this), name)) return as_variable(f(x));
    }
    return Base::forward(x);
  }
  void serialize(Serializer& s) override {
    {
      py::gil_scoped_acquire gil;
      py::function f = py::get_override(static_cast<const Base*>(this), "serialize");
      if (f) {
        f(py::cast(&s, py::return_value_policy::reference));
        return;
      }
    }
    Base::serialize(s);
  }
  void serialize_base(Serializer& s) override { Base::serialize(s); }
};

// Link's protected registration, for the bindings.
struct LinkAccess : Link {
  using Link::add_child;
};

}  // namespace kusari::python
