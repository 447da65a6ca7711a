"""chainer.datasets.get_mnist / get_fashion_mnist, read by the engine's IDX reader.

Fashion-MNIST comes from Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist);
``dir`` names another directory holding {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz].
"""
import numpy

from kusari._kusari import datasets as _engine
from kusari.datasets.tuple_dataset import TupleDataset


def _load(loader, withlabel, ndim, scale, dtype, label_dtype, rgb_format, dir):
    dtype = numpy.dtype(numpy.float32 if dtype is None else dtype).name
    label_dtype = numpy.dtype(label_dtype).name
    train, test = loader(withlabel=withlabel, ndim=ndim, scale=float(scale), dtype=dtype, label_dtype=label_dtype,
                         rgb_format=rgb_format, dir="" if dir is None else str(dir))
    if withlabel:
        return TupleDataset._from_engine(train), TupleDataset._from_engine(test)
    return train, test


def get_fashion_mnist(withlabel=True, ndim=1, scale=1., dtype=None, label_dtype=numpy.int32, rgb_format=False,
                      dir=None):
    """(train, test): 60000 and 10000 examples (image, label); images in [0, scale]."""
    return _load(_engine.get_fashion_mnist, withlabel, ndim, scale, dtype, label_dtype, rgb_format, dir)


def get_mnist(withlabel=True, ndim=1, scale=1., dtype=None, label_dtype=numpy.int32, rgb_format=False, dir=None):
    """Like get_fashion_mnist; MNIST is not packaged by Debian, so pass ``dir``."""
    return _load(_engine.get_mnist, withlabel, ndim, scale, dtype, label_dtype, rgb_format, dir)
