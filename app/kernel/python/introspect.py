"""Completion and inspection against the live namespace (no jedi: names and attributes only).
Cursor positions count code points, as in the protocol."""
import builtins
import inspect
import keyword
import re
import rlcompleter

_DOTTED_BEFORE = re.compile(r"[A-Za-z_][\w.]*$")
_WORD_AFTER = re.compile(r"^\w*")
_CALL_BEFORE = re.compile(r"([A-Za-z_][\w.]*)\s*\(\s*$")


def complete(code, cursor, namespace):
    """(matches, cursor_start, cursor_end)."""
    cursor = max(0, min(cursor, len(code)))
    match = _DOTTED_BEFORE.search(code[:cursor])
    token = match.group(0) if match else ""
    if not token:
        return [], cursor, cursor
    completer = rlcompleter.Completer(namespace)
    matches = []
    state = 0
    while True:
        try:
            candidate = completer.complete(token, state)
        except Exception:
            break
        if candidate is None:
            break
        candidate = candidate.rstrip("(")  # rlcompleter marks callables with "("
        if candidate not in matches:
            matches.append(candidate)
        state += 1
    return matches, cursor - len(token), cursor


def name_at(code, cursor):
    """The dotted name under the cursor, or the callee when the cursor is inside `f(`."""
    cursor = max(0, min(cursor, len(code)))
    before = _DOTTED_BEFORE.search(code[:cursor])
    after = _WORD_AFTER.match(code[cursor:])
    name = (before.group(0) if before else "") + (after.group(0) if after else "")
    if not name:
        call = _CALL_BEFORE.search(code[:cursor])
        name = call.group(1) if call else ""
    return name.strip(".")


def _resolve(name, namespace):
    head, *rest = name.split(".")
    if head in namespace:
        obj = namespace[head]
    elif hasattr(builtins, head):
        obj = getattr(builtins, head)
    else:
        raise LookupError(name)
    for part in rest:
        obj = getattr(obj, part)
    return obj


def inspect_at(code, cursor, namespace):
    """A dict with found, name, type_name, signature and docstring."""
    name = name_at(code, cursor)
    reply = {"found": False, "name": name, "type_name": "", "signature": "", "docstring": ""}
    if not name or keyword.iskeyword(name):
        return reply
    try:
        obj = _resolve(name, namespace)
    except Exception:
        return reply
    reply.update(found=True, type_name=type(obj).__name__, docstring=inspect.getdoc(obj) or "")
    if callable(obj):
        try:
            reply["signature"] = str(inspect.signature(obj))
        except (TypeError, ValueError):
            pass
    return reply
