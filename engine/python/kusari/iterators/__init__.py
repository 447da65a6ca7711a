"""chainer.iterators: SerialIterator and order samplers."""
from kusari.iterators.order_samplers import OrderSampler, ShuffleOrderSampler  # noqa: F401
from kusari.iterators.serial_iterator import SerialIterator  # noqa: F401
