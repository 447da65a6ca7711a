"""PrintReport: prints chosen entries of the LogReport's log as a table, one row per log entry."""
import sys

from kusari.training import extension
from kusari.training.extensions import log_report as log_report_module, progress_bar


class PrintReport(extension.Extension):
    def __init__(self, entries, log_report="LogReport", out=None):
        self._entries = list(entries)
        self._log_report = log_report
        self._out_stream = out  # None: sys.stdout at each write (a notebook kernel swaps it)
        self._log_len = 0  # entries already printed
        widths = [max(10, len(e)) for e in self._entries]
        self._header = "  ".join(f"{e:{w}}" for e, w in zip(self._entries, widths)) + "\n"
        self._templates = [(e, f"{{:<{w}g}}  ", " " * (w + 2)) for e, w in zip(self._entries, widths)]

    @property
    def _out(self):
        return sys.stdout if self._out_stream is None else self._out_stream

    def __call__(self, trainer):
        out = self._out
        if self._header:
            progress_bar.erase_progress_line(out)
            out.write(self._header)
            self._header = None
        log_report = self._log_report
        if isinstance(log_report, str):
            log_report = trainer.get_extension(log_report)
        elif isinstance(log_report, log_report_module.LogReport):
            log_report(trainer)  # not added to the trainer: keep it fed here
        else:
            raise TypeError(f"log report has a wrong type {type(log_report)}")
        log = log_report.log
        if len(log) > self._log_len:
            progress_bar.erase_progress_line(out)
        while len(log) > self._log_len:
            self._print(log[self._log_len])
            self._log_len += 1
        if hasattr(out, "flush"):
            out.flush()

    def _print(self, observation):
        line = ""
        for entry, template, empty in self._templates:
            line += template.format(observation[entry]) if entry in observation else empty
        self._out.write(line.rstrip() + "\n")

    def serialize(self, serializer):
        log_report = self._log_report
        if isinstance(log_report, log_report_module.LogReport):
            log_report.serialize(serializer["_log_report"])
        self._log_len = serializer("_log_len", self._log_len)
