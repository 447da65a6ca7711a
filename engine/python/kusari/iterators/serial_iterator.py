"""chainer.iterators.SerialIterator.

Over an engine dataset (TupleDataset of arrays, its subsets, Fashion-MNIST) the engine's
iterator gathers each batch in C++ and concat_examples stacks it in one call. Any other
dataset (an object with __len__ and __getitem__, e.g. a list of tuples) or a custom
order_sampler is iterated here with the same semantics: a fresh permutation each epoch.
"""
import numpy

from kusari._kusari import iterators as _engine
from kusari._kusari.datasets import TupleDataset as _EngineTupleDataset
from kusari.dataset.iterator import Iterator
from kusari.datasets._engine import engine_dataset, is_engine_array
from kusari.iterators.order_samplers import ShuffleOrderSampler


class _EngineBatchList(list):
    """A batch as a plain list of examples that remembers the engine batch it shows, until changed."""

    _engine_batch = None
    _bare = False


for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__", "append", "extend", "insert", "pop", "remove",
              "reverse", "sort", "clear"):
    def _mutator(self, *args, _base=getattr(list, _name), **kwargs):
        self._engine_batch = None
        return _base(self, *args, **kwargs)
    setattr(_EngineBatchList, _name, _mutator)


def _engine_batch_list(engine_batch, bare):
    batch = _EngineBatchList(engine_batch.examples(bare))
    batch._engine_batch = engine_batch
    batch._bare = bare
    return batch


class SerialIterator(Iterator):
    def __init__(self, dataset, batch_size, repeat=True, shuffle=None, order_sampler=None):
        if shuffle is not None and order_sampler is not None:
            raise ValueError("SerialIterator: `shuffle` is not `None` and a custom `order_sampler` is set. "
                             "Please set `shuffle` to `None` to use the custom order sampler.")
        self.dataset = dataset
        self.batch_size = batch_size
        self._repeat = repeat
        self._shuffle = shuffle
        self._engine = None
        self._bare = False
        base = engine_dataset(dataset)
        if base is None and is_engine_array(dataset):  # an ndarray is a dataset of its rows
            base, self._bare = _EngineTupleDataset([dataset]), True
        if base is not None and order_sampler is None:
            self._engine = _engine.SerialIterator(base, batch_size, repeat, shuffle is None or bool(shuffle))
            self.order_sampler = None
            return
        if order_sampler is None and shuffle is not False:
            order_sampler = ShuffleOrderSampler()
        self.order_sampler = order_sampler
        if batch_size < 1:
            raise ValueError(f"SerialIterator: batch_size must be positive, got {batch_size}")
        self.reset()

    # ---- the protocol ----
    def __next__(self):
        if self._engine is not None:
            return _engine_batch_list(self._engine.next(), self._bare)
        if not self._repeat and self.epoch > 0:
            raise StopIteration
        self._previous_epoch_detail = self.epoch_detail
        n = len(self.dataset)
        batch = []
        self.is_new_epoch = False
        while len(batch) < self.batch_size:  # a batch may cross the end of an epoch
            i = self.current_position
            i_end = min(i + self.batch_size - len(batch), n)
            indices = range(i, i_end) if self._order is None else self._order[i:i_end]
            batch.extend(self.dataset[int(j)] for j in indices)
            self.current_position = i_end
            if i_end == n:
                self.current_position = 0
                self.epoch += 1
                self.is_new_epoch = True
                if self._order is not None:
                    new_order = self.order_sampler(self._order, i)
                    if len(new_order) != len(self._order):
                        raise ValueError("SerialIterator: the size of order does not match the size of the "
                                         "previous order")
                    self._order = new_order
                if not self._repeat:
                    break
        return batch

    next = __next__

    def reset(self):
        if self._engine is not None:
            self._engine.reset()
            return
        if len(self.dataset) == 0:
            raise ValueError("SerialIterator: the dataset is empty")
        self.current_position = 0
        self.epoch = 0
        self.is_new_epoch = False
        self._previous_epoch_detail = -1.
        self._order = None if self.order_sampler is None else \
            self.order_sampler(numpy.arange(len(self.dataset)), 0)

    def serialize(self, serializer):
        if self._engine is not None:
            self._engine.serialize(serializer)
            return
        self.current_position = serializer("current_position", self.current_position)
        self.epoch = serializer("epoch", self.epoch)
        self.is_new_epoch = serializer("is_new_epoch", self.is_new_epoch)
        if self._order is not None:
            order = serializer("order", self._order)
            if order is not None and order is not self._order:
                self._order = numpy.asarray(order)
        self._previous_epoch_detail = serializer("previous_epoch_detail", self._previous_epoch_detail)

    # ---- state ----
    @property
    def epoch_detail(self):
        if self._engine is not None:
            return self._engine.epoch_detail
        return self.epoch + self.current_position / len(self.dataset)

    @property
    def previous_epoch_detail(self):
        if self._engine is not None:
            return self._engine.previous_epoch_detail
        return None if self._previous_epoch_detail < 0 else self._previous_epoch_detail

    @property
    def repeat(self):
        return self._repeat

    @property
    def epoch_size(self):
        return len(self.dataset)


def _engine_attribute(name):
    # epoch, current_position and is_new_epoch: the engine's when it iterates, else plain attributes.
    def get(self):
        return getattr(self._engine, name) if self._engine is not None else self.__dict__[name]

    def set(self, value):
        if self._engine is not None:
            raise AttributeError(f"SerialIterator.{name} is kept by the engine; use serialize() to restore it")
        self.__dict__[name] = value
    return property(get, set)


for _name in ("epoch", "current_position", "is_new_epoch"):
    setattr(SerialIterator, _name, _engine_attribute(_name))
