"""chainer.datasets.TransformDataset: ``transform(dataset[i])`` as example i, computed on access."""
from kusari.dataset.dataset_mixin import DatasetMixin


class TransformDataset(DatasetMixin):
    def __init__(self, dataset, transform):
        self._dataset = dataset
        self._transform = transform

    def __len__(self):
        return len(self._dataset)

    def get_example(self, i):
        return self._transform(self._dataset[i])
