"""DumpGraph: writes the computational graph of a reported variable (e.g. 'main/loss') as
Graphviz DOT to out/<filename>, once, at the first iteration that reports it."""
import os

from kusari import _kusari, computational_graph, reporter
from kusari.training import extension


class DumpGraph(extension.Extension):

    def __init__(self, root_name, filename=None, variable_style=None, function_style=None, out_name="cg.dot"):
        if variable_style is not None or function_style is not None:
            raise ValueError("DumpGraph: variable_style and function_style are not supported by kusari")
        self._root_name = root_name
        self._filename = out_name if filename is None else filename
        self._original_flag = None
        self._flag_called = False

    def initialize(self, trainer):
        if not self._flag_called:
            # Reported variables must keep their graph until the dump.
            self._original_flag = reporter.keep_graph_on_report
            reporter.keep_graph_on_report = True

    def trigger(self, trainer):
        return not self._flag_called

    def __call__(self, trainer):
        if self._flag_called:
            return
        try:
            var = trainer.observation[self._root_name]
            if not isinstance(var, _kusari.Variable):
                raise TypeError(f"DumpGraph: the root value '{self._root_name}' is not a Variable")
            dot = computational_graph.build_computational_graph([var]).dump()
            with open(os.path.join(trainer.out, self._filename), "w") as f:
                f.write(dot)
        finally:
            reporter.keep_graph_on_report = bool(self._original_flag)
            self._flag_called = True

    def finalize(self):
        if not self._flag_called and self._original_flag is not None:
            reporter.keep_graph_on_report = self._original_flag

    def serialize(self, serializer):
        self._original_flag = serializer("_original_flag", bool(self._original_flag))
        self._flag_called = serializer("_flag_called", self._flag_called)
