"""StandardUpdater: next batch -> converter -> optimizer.update(loss_func, *arrays).

Serialized keys follow Chainer's layout, so a trainer snapshot holds 'updater/iteration',
'updater/iterator:main/...', 'updater/optimizer:main/...' and 'updater/model:main/...'.
"""
from kusari import backend, reporter
from kusari.dataset import convert
from kusari.training.updater import Updater


def _update(optimizer, loss_func, args, kwargs):
    if not reporter.keep_graph_on_report:
        optimizer.update(loss_func, *args, **kwargs)
        return
    # The engine's update(lossfun) unchains the loss's graph after backward to free it early;
    # a graph kept on report (DumpGraph) must outlive the update, so the steps run here.
    optimizer.target.cleargrads()
    loss = loss_func(*args, **kwargs)
    loss.backward()
    optimizer.update()


class StandardUpdater(Updater):
    def __init__(self, iterator, optimizer, converter=convert.concat_examples, device=None, loss_func=None,
                 loss_scale=None, auto_new_epoch=True, input_device=None):
        if loss_scale is not None:
            raise ValueError("StandardUpdater: loss_scale is not supported by kusari")
        self._iterators = dict(iterator) if isinstance(iterator, dict) else {"main": iterator}
        self._optimizers = dict(optimizer) if isinstance(optimizer, dict) else {"main": optimizer}
        if input_device is None:
            input_device = device
        self.device = None if device is None else backend.get_device(device)
        self.input_device = None if input_device is None else backend.get_device(input_device)
        self.converter = converter
        self.loss_func = loss_func
        self.auto_new_epoch = auto_new_epoch
        self.iteration = 0

    # ---- progress, as the main iterator sees it ----
    @property
    def epoch(self):
        return self._iterators["main"].epoch

    @property
    def epoch_detail(self):
        return self._iterators["main"].epoch_detail

    @property
    def previous_epoch_detail(self):
        return self._iterators["main"].previous_epoch_detail

    @property
    def is_new_epoch(self):
        return self._iterators["main"].is_new_epoch

    # ---- parts ----
    def get_optimizer(self, name="main"):
        return self._optimizers[name]

    def get_all_optimizers(self):
        return dict(self._optimizers)

    def get_iterator(self, name="main"):
        return self._iterators[name]

    def finalize(self):
        for iterator in self._iterators.values():
            iterator.finalize()

    # ---- the update ----
    def update(self):
        self.update_core()
        self.iteration += 1

    def update_core(self):
        iterator = self._iterators["main"]
        in_arrays = self.converter(iterator.next(), self.input_device)
        optimizer = self._optimizers["main"]
        loss_func = self.loss_func or optimizer.target
        if isinstance(in_arrays, tuple):
            _update(optimizer, loss_func, in_arrays, {})
        elif isinstance(in_arrays, dict):
            _update(optimizer, loss_func, (), in_arrays)
        else:
            _update(optimizer, loss_func, (in_arrays,), {})
        if self.auto_new_epoch and iterator.is_new_epoch:
            optimizer.new_epoch(auto=True)

    def serialize(self, serializer):
        for name, iterator in self._iterators.items():
            iterator.serialize(serializer["iterator:" + name])
        for name, optimizer in self._optimizers.items():
            optimizer.serialize(serializer["optimizer:" + name])
            optimizer.target.serialize(serializer["model:" + name])
        self.iteration = serializer("iteration", self.iteration)
