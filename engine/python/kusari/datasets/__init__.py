"""chainer.datasets: TupleDataset, SubDataset, splits, TransformDataset, (Fashion-)MNIST."""
from kusari.datasets.mnist import get_fashion_mnist, get_mnist  # noqa: F401
from kusari.datasets.sub_dataset import SubDataset, split_dataset, split_dataset_random  # noqa: F401
from kusari.datasets.transform_dataset import TransformDataset  # noqa: F401
from kusari.datasets.tuple_dataset import TupleDataset  # noqa: F401
