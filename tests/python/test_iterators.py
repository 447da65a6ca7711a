"""kusari.iterators.SerialIterator over engine datasets (C++ batches) and Python datasets."""
import numpy as np
import pytest

import kusari
from kusari import datasets as D
from kusari.dataset import concat_examples
from kusari.iterators import SerialIterator


class DictSerializer:
    """Saves into a dict (serializer(key, value) returns value) ..."""

    def __init__(self, target, path=""):
        self.target, self.path = target, path

    def __getitem__(self, name):
        return DictSerializer(self.target, self.path + name + "/")

    def __call__(self, key, value):
        self.target[self.path + key] = np.array(value, copy=True) if isinstance(value, np.ndarray) else value
        return value


class DictDeserializer(DictSerializer):
    """... and loads from it (returns the stored value)."""

    def __getitem__(self, name):
        return DictDeserializer(self.target, self.path + name + "/")

    def __call__(self, key, value):
        return self.target[self.path + key]


def engine_dataset(n):
    return D.TupleDataset(np.arange(n, dtype=np.float32).reshape(n, 1) * 10, np.arange(n, dtype=np.int32))


def python_dataset(n):
    return [(np.array([10.0 * i], dtype=np.float32), np.int32(i)) for i in range(n)]


KINDS = {"engine": engine_dataset, "python": python_dataset}


def labels(batch):
    return [int(e[1]) for e in batch]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("batch_size", [3, 5, 25])
def test_shuffled_epochs_cover_every_example_once(kind, batch_size):
    n, epochs = 10, 5
    it = SerialIterator(KINDS[kind](n), batch_size)
    assert (it._engine is not None) == (kind == "engine")
    stream = []
    while len(stream) < n * epochs:
        before = len(stream)
        stream += labels(it.next())
        # is_new_epoch exactly when the batch crossed the end of an epoch.
        assert it.is_new_epoch == (before // n != len(stream) // n)
        assert it.epoch == len(stream) // n
    # Batches run across epoch ends; the stream still visits each example once per epoch.
    for e in range(epochs):
        assert sorted(stream[e * n:(e + 1) * n]) == list(range(n))


@pytest.mark.parametrize("kind", KINDS)
def test_each_epoch_is_a_fresh_permutation(kind):
    n = 12
    it = SerialIterator(KINDS[kind](n), 4)
    epochs = []
    for _ in range(4):
        epochs.append(labels(it.next()) + labels(it.next()) + labels(it.next()))
        assert it.is_new_epoch
    for e in epochs:
        assert sorted(e) == list(range(n))
    assert len({tuple(e) for e in epochs}) > 1
    assert any(e != list(range(n)) for e in epochs)


@pytest.mark.parametrize("kind", KINDS)
def test_epoch_detail_and_is_new_epoch(kind):
    it = SerialIterator(KINDS[kind](10), 4, shuffle=False)
    assert it.epoch == 0 and it.epoch_detail == 0 and it.previous_epoch_detail is None
    assert labels(it.next()) == [0, 1, 2, 3]
    assert it.epoch_detail == pytest.approx(0.4) and it.previous_epoch_detail == pytest.approx(0.0)
    assert not it.is_new_epoch
    it.next()
    assert labels(it.next()) == [8, 9, 0, 1]  # crosses into epoch 1
    assert it.is_new_epoch and it.epoch == 1
    assert it.epoch_detail == pytest.approx(1.2) and it.previous_epoch_detail == pytest.approx(0.8)
    it.reset()
    assert it.epoch == 0 and it.current_position == 0 and labels(it.next()) == [0, 1, 2, 3]


@pytest.mark.parametrize("kind", KINDS)
def test_repeat_false_ends_with_stop_iteration(kind):
    it = SerialIterator(KINDS[kind](7), 3, repeat=False, shuffle=True)
    batches = list(it)
    assert [len(b) for b in batches] == [3, 3, 1]
    assert sorted(sum((labels(b) for b in batches), [])) == list(range(7))
    with pytest.raises(StopIteration):
        it.next()


@pytest.mark.parametrize("kind", KINDS)
def test_serialize_round_trip(kind):
    kusari.seed(3)
    it = SerialIterator(KINDS[kind](10), 3)
    for _ in range(5):
        it.next()
    state = {}
    it.serialize(DictSerializer(state))
    assert state["epoch"] == 1 and state["current_position"] == 5
    expected = labels(it.next()) + labels(it.next())[:2]  # the rest of epoch 1 (the next order is fresh)

    resumed = SerialIterator(KINDS[kind](10), 3)
    resumed.serialize(DictDeserializer(state))
    assert resumed.epoch == 1 and resumed.current_position == 5
    assert resumed.epoch_detail == pytest.approx(1.5)
    assert resumed.previous_epoch_detail == pytest.approx(1.2)
    assert labels(resumed.next()) + labels(resumed.next())[:2] == expected


def test_engine_iterator_rejects_a_state_that_does_not_fit():
    it = SerialIterator(engine_dataset(10), 3)
    state = {}
    it.serialize(DictSerializer(state))
    state["order"] = np.zeros(10, dtype=np.int64)
    with pytest.raises(ValueError, match="permutation"):
        SerialIterator(engine_dataset(10), 3).serialize(DictDeserializer(state))


def test_plain_list_of_tuples_and_custom_order_sampler():
    data = [(np.float32(i), i % 2) for i in range(6)]
    it = SerialIterator(data, 2, shuffle=False)
    assert it.next() == [data[0], data[1]]
    reverse = lambda order, pos: np.arange(len(order))[::-1]  # noqa: E731
    it = SerialIterator(engine_dataset(6), 2, order_sampler=reverse)
    assert it._engine is None
    assert labels(it.next()) == [5, 4]
    with pytest.raises(ValueError):
        SerialIterator(data, 2, shuffle=True, order_sampler=reverse)


def test_engine_batch_is_a_list_and_concat_is_one_stack():
    it = SerialIterator(engine_dataset(10), 4, shuffle=False)
    batch = it.next()
    assert isinstance(batch, list) and len(batch) == 4
    x, t = concat_examples(batch)
    np.testing.assert_array_equal(x, np.array([[0.0], [10.0], [20.0], [30.0]], dtype=np.float32))
    np.testing.assert_array_equal(t, np.arange(4, dtype=np.int32))
    assert batch._engine_batch is not None
    batch.pop()  # a changed batch is stacked from its examples
    assert batch._engine_batch is None
    x, t = concat_examples(batch)
    np.testing.assert_array_equal(t, np.arange(3, dtype=np.int32))


def test_ndarray_dataset_yields_bare_rows():
    data = np.arange(12, dtype=np.float32).reshape(6, 2)
    it = SerialIterator(data, 4, shuffle=False)
    batch = it.next()
    np.testing.assert_array_equal(batch[1], data[1])
    np.testing.assert_array_equal(concat_examples(batch), data[:4])


def test_fashion_mnist_batches():
    train, _ = D.get_fashion_mnist()
    it = SerialIterator(train, 100)
    x, t = concat_examples(it.next())
    assert x.shape == (100, 784) and x.dtype == np.float32 and t.shape == (100,) and t.dtype == np.int32
