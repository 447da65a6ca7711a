"""kusari.datasets: Fashion-MNIST through the engine's IDX reader, TupleDataset, splits, transforms."""
import os

import numpy as np
import pytest

import kusari
from kusari import datasets as D

FASHION_DIR = "/usr/share/datasets/fashion-mnist"


@pytest.fixture(scope="module")
def fashion():
    return D.get_fashion_mnist()


def test_fashion_mnist_loads_as_chainer_does(fashion):
    train, test = fashion
    assert len(train) == 60000 and len(test) == 10000
    x, t = train[0]
    assert isinstance(x, np.ndarray) and x.shape == (784,) and x.dtype == np.float32
    assert isinstance(t, np.int32)
    images, labels = train._datasets
    assert images.min() == 0.0 and images.max() == 1.0
    assert labels.dtype == np.int32 and sorted(set(labels.tolist())) == list(range(10))
    assert np.array_equal(np.bincount(labels), np.full(10, 6000))  # Fashion-MNIST is balanced


def test_fashion_mnist_matches_an_independent_idx_reading(fashion):
    import gzip
    with gzip.open(os.path.join(FASHION_DIR, "t10k-images-idx3-ubyte.gz")) as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784)
    with gzip.open(os.path.join(FASHION_DIR, "t10k-labels-idx1-ubyte.gz")) as f:
        raw_labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    _, test = fashion
    for i in (0, 1, 9999):
        x, t = test[i]
        np.testing.assert_allclose(x, raw[i] / 255.0, rtol=1e-6)
        assert t == raw_labels[i]


def test_fashion_mnist_options():
    train, _ = D.get_fashion_mnist(ndim=3, scale=2.0, dtype=np.float64, label_dtype=np.int64, rgb_format=True)
    x, t = train[5]
    assert x.shape == (3, 28, 28) and x.dtype == np.float64 and isinstance(t, np.int64)
    assert x.max() <= 2.0 and x.max() > 1.0
    np.testing.assert_array_equal(x[0], x[2])
    train, test = D.get_fashion_mnist(withlabel=False, ndim=2)
    assert isinstance(train, np.ndarray) and train.shape == (60000, 28, 28)
    train, _ = D.get_fashion_mnist(ndim=3)
    assert train[0][0].shape == (1, 28, 28)
    with pytest.raises(ValueError, match="ndim"):
        D.get_fashion_mnist(ndim=4)


def test_missing_files_error_names_the_file(tmp_path):
    with pytest.raises(kusari.KusariError, match="train-images-idx3-ubyte"):
        D.get_fashion_mnist(dir=tmp_path)
    with pytest.raises(kusari.KusariError, match=str(tmp_path)):
        D.get_mnist(dir=tmp_path)


def test_fashion_mnist_from_a_given_directory(tmp_path):
    for name in os.listdir(FASHION_DIR):
        os.symlink(os.path.join(FASHION_DIR, name), tmp_path / name)
    _, test = D.get_fashion_mnist(dir=str(tmp_path))
    assert len(test) == 10000


def test_tuple_dataset_of_arrays_indexes_like_chainer():
    a = np.arange(20, dtype=np.float32).reshape(10, 2)
    b = np.arange(10, dtype=np.int32)
    ds = D.TupleDataset(a, b)
    assert ds._impl is not None  # the engine holds it
    assert len(ds) == 10
    x, t = ds[3]
    np.testing.assert_array_equal(x, a[3])
    assert t == 3 and isinstance(t, np.int32)
    x, t = ds[-1]
    assert t == 9
    sl = ds[2:8:3]
    assert isinstance(sl, list) and [e[1] for e in sl] == [2, 5]
    lst = ds[[7, 0]]
    assert [e[1] for e in lst] == [7, 0]
    assert [e[1] for e in ds[np.array([4, 1])]] == [4, 1]
    a[3, 0] = -5  # the dataset views the arrays
    assert ds[3][0][0] == -5
    with pytest.raises(IndexError):
        ds[10]


def test_tuple_dataset_of_sequences_stays_in_python():
    ds = D.TupleDataset(["a", "b", "c"], [1, 2, 3])
    assert ds._impl is None
    assert ds[1] == ("b", 2)
    assert ds[0:2] == [("a", 1), ("b", 2)]
    assert ds[[2, 0]] == [("c", 3), ("a", 1)]
    with pytest.raises(ValueError):
        D.TupleDataset([1, 2], [1])
    with pytest.raises(ValueError):
        D.TupleDataset()


@pytest.mark.parametrize("engine", [True, False])
def test_split_dataset(engine):
    n = 10
    ds = D.TupleDataset(np.arange(n, dtype=np.int64)) if engine else [(i,) for i in range(n)]
    first, second = D.split_dataset(ds, 3)
    assert (len(first), len(second)) == (3, 7)
    assert [first[i][0] for i in range(3)] == [0, 1, 2]
    assert second[0][0] == 3 and second[-1][0] == 9
    order = list(reversed(range(n)))
    first, second = D.split_dataset(ds, 4, order)
    assert [e[0] for e in first[:]] == [9, 8, 7, 6]
    assert [e[0] for e in second[[0, 5]]] == [5, 0]
    with pytest.raises(ValueError):
        D.split_dataset(ds, 11)
    with pytest.raises(IndexError):
        first[4]


def test_split_dataset_random_is_a_seeded_partition():
    arr = np.arange(50, dtype=np.int32)
    first, second = D.split_dataset_random(D.TupleDataset(arr), 20, seed=7)
    values = [int(e[0]) for e in first[:]] + [int(e[0]) for e in second[:]]
    assert sorted(values) == list(range(50)) and values != list(range(50))
    # The same seed splits a Python dataset of the same length the same way.
    py_first, _ = D.split_dataset_random([(i,) for i in range(50)], 20, seed=7)
    assert [e[0] for e in py_first[:]] == values[:20]
    other, _ = D.split_dataset_random(D.TupleDataset(arr), 20, seed=8)
    assert [int(e[0]) for e in other[:]] != values[:20]


def test_transform_dataset():
    base = D.TupleDataset(np.arange(6, dtype=np.float32).reshape(3, 2), np.array([0, 1, 2], dtype=np.int32))
    ds = D.TransformDataset(base, lambda e: (e[0] * 2, int(e[1]) + 10))
    assert len(ds) == 3
    x, t = ds[1]
    np.testing.assert_array_equal(x, [4.0, 6.0])
    assert t == 11
    assert [e[1] for e in ds[0:3]] == [10, 11, 12]
