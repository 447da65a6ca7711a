"""The concrete links from Python with Chainer's constructor signatures, each checked against
NumPy, and the initializers."""
import numpy as np
import pytest

import kusari as chainer
import kusari.initializers as I
import kusari.links as L


def conv2d_ref(x, W, b, stride=1, pad=0):
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    n, c, h, w = x.shape
    o, _, kh, kw = W.shape
    oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
    y = np.zeros((n, o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            y[:, :, i, j] = np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3]))
    return y + (0 if b is None else b[None, :, None, None])


def test_convolution_2d_two_argument_form_is_lazy():
    conv = L.Convolution2D(4, 3)            # out_channels=4, ksize=3, in_channels from the input
    assert conv.W.array is None
    x = np.random.randn(2, 2, 5, 5).astype(np.float32)
    y = conv(x)
    assert conv.W.shape == (4, 2, 3, 3) and y.shape == (2, 4, 3, 3)
    np.testing.assert_allclose(y.array, conv2d_ref(x, conv.W.array, conv.b.array), rtol=1e-4, atol=1e-5)


def test_convolution_2d_stride_pad_nobias():
    conv = L.Convolution2D(2, 3, 3, stride=2, pad=1, nobias=True, initialW=I.Normal(0.5))
    assert conv.b is None
    x = np.random.randn(1, 2, 5, 5).astype(np.float32)
    np.testing.assert_allclose(conv(x).array, conv2d_ref(x, conv.W.array, None, 2, 1), rtol=1e-4, atol=1e-5)


def test_deconvolution_2d_shape_and_adjoint():
    dc = L.Deconvolution2D(2, 3, 2, stride=2, nobias=True)
    x = np.random.randn(1, 2, 3, 3).astype(np.float32)
    y = dc(x)
    assert dc.W.shape == (2, 3, 2, 2) and y.shape == (1, 3, 6, 6)
    # <deconv(x), z> == <x, conv(z)> with the same W (deconvolution is the adjoint).
    z = np.random.randn(1, 3, 6, 6)
    lhs = np.sum(y.array * z)
    rhs = np.sum(x * conv2d_ref(z, dc.W.array.astype(np.float64), None, 2))
    np.testing.assert_allclose(lhs, rhs, rtol=1e-4)


def test_embed_id_rows_and_ignore_label():
    e = L.EmbedID(5, 3, ignore_label=-1)
    ids = np.array([0, 4, -1, 2], np.int32)
    y = e(ids)
    expected = e.W.array[[0, 4, 0, 2]].copy()
    expected[2] = 0
    np.testing.assert_allclose(y.array, expected)


def test_batch_normalization_train_and_test_modes():
    bn = L.BatchNormalization(3)
    x = np.random.randn(8, 3, 2).astype(np.float32) * 3 + 1
    y = bn(x)
    np.testing.assert_allclose(y.array.mean(axis=(0, 2)), 0, atol=1e-5)
    np.testing.assert_allclose(y.array.var(axis=(0, 2)), 1, rtol=1e-3)
    np.testing.assert_allclose(bn.avg_mean, 0.1 * x.mean(axis=(0, 2)), rtol=1e-5)
    with chainer.using_config("train", False):
        y2 = bn(x)
    expected = (x - bn.avg_mean[None, :, None]) / np.sqrt(bn.avg_var[None, :, None] + 2e-5)
    np.testing.assert_allclose(y2.array, expected, rtol=1e-4, atol=1e-5)
    assert [n for n, _ in bn.namedparams()] == ["/gamma", "/beta"]
    assert L.BatchNormalization(3, use_gamma=False).gamma is None


def test_layer_and_group_normalization():
    x = np.random.randn(4, 6).astype(np.float32)
    y = L.LayerNormalization()(x)
    ref = (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + 1e-6)
    np.testing.assert_allclose(y.array, ref, rtol=1e-4, atol=1e-5)
    xg = np.random.randn(2, 4, 3).astype(np.float32)
    gn = L.GroupNormalization(2, 4)
    g = xg.reshape(2, 2, 6)
    ref = ((g - g.mean(2, keepdims=True)) / np.sqrt(g.var(2, keepdims=True) + 1e-5)).reshape(2, 4, 3)
    np.testing.assert_allclose(gn(xg).array, ref, rtol=1e-4, atol=1e-5)


def test_bias_scale_prelu():
    x = np.random.randn(2, 3, 4).astype(np.float32)
    b = L.Bias(shape=(3,))
    b.b.array[...] = [1, 2, 3]
    np.testing.assert_allclose(b(x).array, x + np.array([1, 2, 3])[None, :, None], rtol=1e-6)
    s = L.Scale(W_shape=(3,), bias_term=True)
    assert [n for n, _ in s.namedparams()] == ["/W", "/bias/b"]
    s.W.array[...] = [2, 3, 4]
    np.testing.assert_allclose(s(x).array, x * np.array([2, 3, 4])[None, :, None], rtol=1e-6)
    p = L.PReLU()
    np.testing.assert_allclose(p(x).array, np.where(x >= 0, x, 0.25 * x), rtol=1e-6)


def test_lstm_state_and_reset():
    lstm = L.LSTM(4)                          # lazy in_size, out_size 4
    assert lstm.h is None
    x = np.random.randn(2, 3).astype(np.float32)
    h1 = lstm(x)
    assert h1.shape == (2, 4) and lstm.c.shape == (2, 4) and lstm.upward.W.shape == (16, 3)
    lstm(x)
    assert not np.allclose(lstm.h.array, h1.array)
    lstm.reset_state()
    assert lstm.h is None and lstm.c is None
    np.testing.assert_allclose(lstm(x).array, h1.array, rtol=1e-6)


def test_gru_and_n_step_lstm():
    gru = L.GRU(3, 5)
    assert L.StatefulGRU is L.GRU
    x = np.random.randn(2, 3).astype(np.float32)
    assert gru(x).shape == (2, 5) and gru.h.shape == (2, 5)
    gru.reset_state()
    assert gru.h is None
    nl = L.NStepLSTM(2, 3, 4, 0.0)
    assert [n for n, _ in nl.namedparams()][:3] == ["/0/w0", "/0/b0", "/0/w1"]
    xs = [np.random.randn(3, 3).astype(np.float32), np.random.randn(2, 3).astype(np.float32)]
    hy, cy, ys = nl(None, None, xs)
    assert hy.shape == (2, 2, 4) and cy.shape == (2, 2, 4) and [y.shape for y in ys] == [(3, 4), (2, 4)]
    np.testing.assert_allclose(hy.array[1, 1], ys[1].array[-1], rtol=1e-6)


def test_initializers_fill_arrays():
    chainer.seed(1)
    a = np.empty((200, 100), np.float32)
    I.Normal(0.1)(a)
    assert abs(a.std() - 0.1) < 0.01
    I.HeNormal(fan_option="fan_out")(a)
    assert abs(a.std() - np.sqrt(2 / 200)) < 0.01
    q = np.empty((3, 5))
    I.Orthogonal(scale=1.0)(q)
    np.testing.assert_allclose(q @ q.T, np.eye(3), atol=1e-10)
    g = I.generate_array(I.Constant(2.5), (2, 2), np, dtype=np.float64)
    assert g.dtype == np.float64 and (g == 2.5).all()
    with pytest.raises(ValueError):
        I.HeNormal(fan_option="sideways")
