"""chainer.dataset: the dataset and iterator protocols and the batch converter."""
from kusari.dataset import convert  # noqa: F401
from kusari.dataset.convert import concat_examples, to_device  # noqa: F401
from kusari.dataset.dataset_mixin import DatasetMixin  # noqa: F401
from kusari.dataset.iterator import Iterator  # noqa: F401
