"""sys.stdout / sys.stderr of the kernel: text goes to the kernel's batched stream sender."""
import io
import sys

import _kusari_kernel_io as _io


class KernelStream(io.TextIOBase):
    """A text stream whose writes become `stream` messages (coalesced by the kernel)."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, stream_name):
        super().__init__()
        self._stream_name = stream_name

    @property
    def name(self):
        return f"<{self._stream_name}>"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        _io.write(self._stream_name, text)
        return len(text)

    def flush(self):
        pass


def install():
    sys.stdout = KernelStream("stdout")
    sys.stderr = KernelStream("stderr")
