"""Function hooks (chainer.function_hooks): TimerHook, PrintHook; subclass kusari.FunctionHook."""
from kusari._kusari import function_hooks as _impl

TimerHook = _impl.TimerHook
PrintHook = _impl.PrintHook
