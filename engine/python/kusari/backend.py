"""chainer.backend / chainer.get_device: the host device, the only one reachable from Python yet.

Arrays cross the binding as NumPy arrays, so every device specifier that names the host
(None, -1, '-1', '@numpy', 'cpu', 'native', 'native:0') gives the same CpuDevice. It compares
equal to those strings so that code taking a plain specifier (to_device, Link.to_device)
accepts it as it is.
"""
import numpy

_HOST_NAMES = ("@numpy", "cpu", "native", "native:0", "-1")


class CpuDevice:
    xp = numpy
    name = "@numpy"

    def use(self):
        pass

    def send(self, arrays):
        return arrays

    def __str__(self):
        return self.name

    def __repr__(self):
        return "<CpuDevice @numpy>"

    def __eq__(self, other):
        return isinstance(other, CpuDevice) or (isinstance(other, str) and other in _HOST_NAMES)

    def __hash__(self):
        return hash(self.name)


def get_device(device_spec=None):
    """The device named by ``device_spec``; only the host exists from Python."""
    if isinstance(device_spec, CpuDevice):
        return device_spec
    if device_spec is None or str(device_spec) in _HOST_NAMES or (
            isinstance(device_spec, int) and not isinstance(device_spec, bool) and device_spec < 0):
        return CpuDevice()
    raise RuntimeError(f"get_device: device {device_spec!r} is not available; kusari reaches only the host "
                       "('@numpy') from Python yet")
