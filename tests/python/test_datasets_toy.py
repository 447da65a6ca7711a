"""kusari.datasets' toy 2-D sets (spiral, moons, circles, xor, blobs) and the text corpus: dtypes
and shapes, the geometry without noise, reproducibility by seed, learnability, bad arguments."""
import numpy as np
import pytest

import kusari
from kusari import datasets as D

TOYS = [D.get_spiral, D.get_moons, D.get_circles, D.get_xor, D.get_blobs]


def _arrays(dataset):
    x, t = kusari.dataset.concat_examples(dataset[:])
    return np.asarray(x), np.asarray(t)


@pytest.mark.parametrize("get", TOYS)
def test_toy_sets_are_float32_points_and_int32_labels(get):
    dataset = get(101, noise=0.1, seed=3)
    assert len(dataset) == 101
    x, t = _arrays(dataset)
    assert x.shape == (101, 2) and x.dtype == np.float32
    assert t.shape == (101,) and t.dtype == np.int32
    point, label = dataset[0]
    assert point.shape == (2,) and isinstance(label, np.int32)
    counts = np.bincount(t)
    assert counts.min() >= 1 and counts.max() - counts.min() <= (101 if get is D.get_xor else 1)


@pytest.mark.parametrize("get", TOYS)
def test_toy_sets_repeat_by_seed(get):
    a, b = _arrays(get(50, noise=0.2, seed=1)), _arrays(get(50, noise=0.2, seed=1))
    c = _arrays(get(50, noise=0.2, seed=2))
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_circles_without_noise_lie_on_their_radii():
    x, t = _arrays(D.get_circles(200, noise=0., factor=0.3))
    r = np.hypot(x[:, 0], x[:, 1])
    assert np.allclose(r[t == 0], 1., atol=1e-6) and np.allclose(r[t == 1], 0.3, atol=1e-6)


def test_moons_without_noise_are_two_half_circles():
    x, t = _arrays(D.get_moons(200, noise=0.))
    upper, lower = x[t == 0], x[t == 1]
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1., atol=1e-6) and (upper[:, 1] >= -1e-6).all()
    assert np.allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1., atol=1e-6)
    assert (lower[:, 1] <= 0.5 + 1e-6).all()


def test_xor_label_is_the_sign_disagreement():
    x, t = _arrays(D.get_xor(300, noise=0.))
    assert np.array_equal(t, (x[:, 0] * x[:, 1] < 0).astype(np.int32))
    assert 100 < t.sum() < 200


def test_spiral_arms_are_point_symmetric_and_inside_the_unit_disc():
    x, t = _arrays(D.get_spiral(200, noise=0.))
    assert np.hypot(x[:, 0], x[:, 1]).max() <= 1. + 1e-6
    assert np.allclose(x[t == 0], -x[t == 1], atol=1e-6)  # the second arm is the first turned by pi


def test_blobs_gather_around_their_centres():
    x, t = _arrays(D.get_blobs(600, noise=0.05, centers=[[5., 0.], [0., 5.], [-5., -5.]]))
    assert sorted(set(t.tolist())) == [0, 1, 2]
    for c, centre in enumerate([[5., 0.], [0., 5.], [-5., -5.]]):
        assert np.allclose(x[t == c].mean(axis=0), centre, atol=0.02)
        assert np.all((0.03 < x[t == c].std(axis=0)) & (x[t == c].std(axis=0) < 0.07))


@pytest.mark.parametrize("get", TOYS)
def test_toy_sets_are_learnable_by_nearest_neighbour(get):
    """Labels follow the geometry: a 1-nearest-neighbour rule on one sample classifies another."""
    train, test = _arrays(get(400, noise=0.05, seed=0)), _arrays(get(200, noise=0.05, seed=1))
    d = ((test[0][:, None, :] - train[0][None, :, :]) ** 2).sum(-1)
    accuracy = (train[1][d.argmin(axis=1)] == test[1]).mean()
    assert accuracy > 0.9


@pytest.mark.parametrize("call, message", [
    (lambda: D.get_moons(0), "get_moons: n must be a positive integer"),
    (lambda: D.get_xor(10, noise=-1), "get_xor: noise must be >= 0"),
    (lambda: D.get_circles(10, factor=1.5), "get_circles: factor must be in"),
    (lambda: D.get_spiral(10, n_classes=1), "get_spiral: n_classes"),
    (lambda: D.get_blobs(10, centers=np.zeros((3, 3))), "get_blobs: centers must be a count or a"),
])
def test_bad_arguments_name_the_function(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_text_corpus_default_is_the_gpl_from_base_files():
    text, vocab = D.get_text_corpus()
    assert "GNU GENERAL PUBLIC LICENSE" in text and len(text) > 30000
    assert vocab == sorted(set(text)) and len(vocab) == len(set(vocab))
    ids = np.array([vocab.index(c) for c in text[:100]])
    assert "".join(vocab[i] for i in ids) == text[:100]


def test_text_corpus_from_a_path_and_truncated(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("abcabc\u00e9", encoding="utf-8")
    assert D.get_text_corpus(path) == ("abcabc\u00e9", ["a", "b", "c", "\u00e9"])
    assert D.get_text_corpus(str(path), max_chars=2) == ("ab", ["a", "b"])


def test_text_corpus_errors_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no text file at .*missing.txt"):
        D.get_text_corpus(tmp_path / "missing.txt")
    (tmp_path / "bin").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="is not UTF-8"):
        D.get_text_corpus(tmp_path / "bin")
    (tmp_path / "empty").write_text("")
    with pytest.raises(ValueError, match="is empty"):
        D.get_text_corpus(tmp_path / "empty")
