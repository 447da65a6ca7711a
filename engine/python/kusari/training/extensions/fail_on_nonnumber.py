"""FailOnNonNumber: stops training with an error as soon as a parameter (or gradient) holds NaN or Inf."""
import numpy

from kusari.training import extension


class FailOnNonNumber(extension.Extension):
    def __init__(self, check_grad=True):
        self._check_grad = check_grad

    def __call__(self, trainer):
        for name, optimizer in trainer.updater.get_all_optimizers().items():
            for path, param in optimizer.target.namedparams():
                data = param.array
                if data is not None and not numpy.isfinite(data).all():
                    raise RuntimeError(f"Kill the process since parameters in optimizer '{name}' diverge "
                                       f"(first: {path}). R.I.P.")
                grad = param.grad if self._check_grad else None
                if grad is not None and not numpy.isfinite(grad).all():
                    raise RuntimeError(f"Kill the process since gradients in optimizer '{name}' diverge "
                                       f"(first: {path}). R.I.P.")
