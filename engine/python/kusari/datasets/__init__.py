"""chainer.datasets: TupleDataset, SubDataset, splits, TransformDataset, (Fashion-)MNIST, and for
the examples toy 2-D sets and a character-level text corpus."""
from kusari.datasets.mnist import get_fashion_mnist, get_mnist  # noqa: F401
from kusari.datasets.sub_dataset import SubDataset, split_dataset, split_dataset_random  # noqa: F401
from kusari.datasets.text import get_text_corpus  # noqa: F401
from kusari.datasets.toy import get_blobs, get_circles, get_moons, get_spiral, get_xor  # noqa: F401
from kusari.datasets.transform_dataset import TransformDataset  # noqa: F401
from kusari.datasets.tuple_dataset import TupleDataset  # noqa: F401
