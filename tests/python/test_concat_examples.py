"""kusari.dataset.concat_examples: Chainer's batch converter (tuples, arrays, dicts, padding)."""
import numpy as np
import pytest

import kusari
from kusari.dataset import concat_examples


def test_tuples_become_a_tuple_of_stacked_arrays():
    batch = [(np.full((2, 3), i, dtype=np.float32), np.int32(i)) for i in range(4)]
    x, t = concat_examples(batch)
    assert x.shape == (4, 2, 3) and x.dtype == np.float32
    for i in range(4):
        np.testing.assert_array_equal(x[i], np.full((2, 3), i))
    assert t.dtype == np.int32 and t.tolist() == [0, 1, 2, 3]


def test_arrays_and_scalars_and_the_convert_module():
    arrays = [np.arange(3, dtype=np.float64) + i for i in range(2)]
    out = kusari.dataset.convert.concat_examples(arrays)
    np.testing.assert_array_equal(out, np.stack(arrays))
    assert out.dtype == np.float64
    assert concat_examples([1, 2, 3]).tolist() == [1, 2, 3]
    u8 = concat_examples([np.zeros(2, np.uint8), np.ones(2, np.uint8)])
    assert u8.dtype == np.uint8 and u8.tolist() == [[0, 0], [1, 1]]  # a dtype the engine lacks is kept


def test_dicts():
    batch = [{"x": np.array([i, i], dtype=np.float32), "t": np.int32(i)} for i in range(3)]
    out = concat_examples(batch)
    assert set(out) == {"x", "t"}
    np.testing.assert_array_equal(out["x"], [[0, 0], [1, 1], [2, 2]])
    assert out["t"].tolist() == [0, 1, 2]


def test_padding_fills_up_to_the_longest():
    batch = [(np.array([1, 2, 3], dtype=np.int32), np.ones((1, 2), np.float32)),
             (np.array([4], dtype=np.int32), np.ones((2, 1), np.float32))]
    x, y = concat_examples(batch, padding=-1)
    assert x.tolist() == [[1, 2, 3], [4, -1, -1]] and x.dtype == np.int32
    assert y.shape == (2, 2, 2)
    assert y.tolist() == [[[1, 1], [-1, -1]], [[1, -1], [1, -1]]]
    x, y = concat_examples(batch, padding=(0, 7))
    assert x.tolist() == [[1, 2, 3], [4, 0, 0]]
    assert y[0, 1].tolist() == [7, 7]
    d = concat_examples([{"a": np.ones(1, np.float64)}, {"a": np.ones(3, np.float64)}], padding={"a": 0})
    assert d["a"].tolist() == [[1, 0, 0], [1, 1, 1]]


def test_errors():
    with pytest.raises(ValueError, match="empty"):
        concat_examples([])
    with pytest.raises(ValueError, match="concat_examples"):
        concat_examples([(np.zeros(2, np.float32),), (np.zeros(3, np.float32),)])
    with pytest.raises(ValueError, match="device"):
        concat_examples([np.zeros(2, np.float32)], device=0)
