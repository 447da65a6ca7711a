"""chainer.iterators.ShuffleOrderSampler: a fresh uniformly random order for each epoch."""
import numpy

from kusari._kusari import iterators as _engine


class OrderSampler:
    def __call__(self, current_order, current_position):
        raise NotImplementedError


class ShuffleOrderSampler(OrderSampler):
    """``random_state``: None (kusari's generator), an int seed, or a numpy.random.RandomState."""

    def __init__(self, random_state=None):
        if isinstance(random_state, numpy.random.RandomState):
            self._permute = random_state.permutation
        else:
            self._permute = _engine.Permuter(None if random_state is None else int(random_state))

    def __call__(self, current_order, current_position):
        return self._permute(len(current_order))
