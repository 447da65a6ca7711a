"""Optimizers and optimizer hooks from Python: each step against a NumPy implementation of
Chainer's formula, hyperparameter attributes, update(lossfun, *args), hooks."""
import numpy as np
import pytest

import kusari as chainer
import kusari.functions as F
from kusari import optimizer_hooks, optimizers

P0 = np.array([[0.5, -1.0, 2.0], [0.1, 0.0, -0.3]])
G1 = np.array([[0.2, -0.4, 1.0], [-0.3, 0.05, 0.6]])
G2 = np.array([[-0.1, 0.3, 0.2], [0.25, -0.5, 0.1]])


def one_param_link():
    link = chainer.Link()
    with link.init_scope():
        link.w = chainer.Parameter(P0.copy())
    return link


def run_two_steps(opt):
    link = one_param_link()
    opt.setup(link)
    for g in (G1, G2):
        link.w.grad = g.copy()
        opt.update()
    return link.w.array


def sgd(lr=0.01):
    p = P0.copy()
    for g in (G1, G2):
        p -= lr * g
    return p


def momentum(lr=0.01, mu=0.9, nesterov=False):
    p, v = P0.copy(), np.zeros_like(P0)
    for g in (G1, G2):
        v = mu * v - lr * g
        p += (mu * mu * v - (1 + mu) * lr * g) if nesterov else v
    return p


def adagrad(lr=0.001, eps=1e-8):
    p, h = P0.copy(), np.zeros_like(P0)
    for g in (G1, G2):
        h += g * g
        p -= lr * g / (np.sqrt(h) + eps)
    return p


def rmsprop(lr=0.01, alpha=0.99, eps=1e-8):
    p, ms = P0.copy(), np.zeros_like(P0)
    for g in (G1, G2):
        ms = alpha * ms + (1 - alpha) * g * g
        p -= lr * g / (np.sqrt(ms) + eps)
    return p


def adadelta(rho=0.95, eps=1e-6):
    p, msg, msdx = P0.copy(), np.zeros_like(P0), np.zeros_like(P0)
    for g in (G1, G2):
        msg = rho * msg + (1 - rho) * g * g
        dx = np.sqrt((msdx + eps) / (msg + eps)) * g
        msdx = rho * msdx + (1 - rho) * dx * dx
        p -= dx
    return p


def adam(alpha=0.001, b1=0.9, b2=0.999, eps=1e-8, eta=1.0, wd=0.0, amsgrad=False):
    p, m, v, vhat = P0.copy(), np.zeros_like(P0), np.zeros_like(P0), np.zeros_like(P0)
    for t, g in enumerate((G1, G2), start=1):
        m += (1 - b1) * (g - m)
        v += (1 - b2) * (g * g - v)
        vhat = np.maximum(vhat, v) if amsgrad else v
        alpha_t = alpha * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        p -= eta * (alpha_t * m / (np.sqrt(vhat) + eps) + wd * p)
    return p


CASES = [
    ("SGD", lambda: optimizers.SGD(lr=0.1), lambda: sgd(0.1)),
    ("MomentumSGD", lambda: optimizers.MomentumSGD(lr=0.1, momentum=0.8), lambda: momentum(0.1, 0.8)),
    ("NesterovAG", lambda: optimizers.NesterovAG(lr=0.1, momentum=0.7), lambda: momentum(0.1, 0.7, True)),
    ("AdaGrad", lambda: optimizers.AdaGrad(lr=0.05), lambda: adagrad(0.05)),
    ("RMSprop", lambda: optimizers.RMSprop(lr=0.05, alpha=0.9), lambda: rmsprop(0.05, 0.9)),
    ("AdaDelta", lambda: optimizers.AdaDelta(rho=0.9), lambda: adadelta(0.9)),
    ("Adam", lambda: optimizers.Adam(alpha=0.01, beta1=0.8, beta2=0.99), lambda: adam(0.01, 0.8, 0.99)),
    ("AdamAMSGrad", lambda: optimizers.Adam(alpha=0.01, amsgrad=True, eta=0.5), lambda: adam(0.01, eta=0.5, amsgrad=True)),
    ("AdamW", lambda: optimizers.AdamW(alpha=0.01, weight_decay_rate=0.1), lambda: adam(0.01, wd=0.1)),
]


@pytest.mark.parametrize("name,make,expected", CASES, ids=[c[0] for c in CASES])
def test_two_steps_match_numpy(name, make, expected):
    np.testing.assert_allclose(run_two_steps(make()), expected(), rtol=1e-10, atol=1e-12)


def test_hyperparameter_writes_take_effect():
    opt = optimizers.SGD(lr=0.1)
    link = one_param_link()
    opt.setup(link)
    link.w.grad = G1.copy()
    opt.update()
    opt.lr = 1.0
    assert opt.lr == 1.0
    link.w.grad = G2.copy()
    opt.update()
    np.testing.assert_allclose(link.w.array, P0 - 0.1 * G1 - 1.0 * G2)

    a = optimizers.Adam()
    a.alpha, a.beta1 = 0.02, 0.5
    assert (a.alpha, a.beta1) == (0.02, 0.5)
    np.testing.assert_allclose(run_two_steps(a), adam(0.02, 0.5))
    assert a.t == 2
    assert a.lr == pytest.approx(0.02 * np.sqrt(1 - 0.999 ** 2) / (1 - 0.5 ** 2))


def test_update_with_lossfun_clears_grads_and_counts():
    link = one_param_link()
    opt = optimizers.SGD(lr=0.5)
    opt.setup(link)
    link.w.grad = np.full_like(P0, 100.0)   # stale gradient: update(lossfun) must clear it

    def lossfun(scale, offset=0.0):
        return F.sum(link.w * link.w) * scale + offset

    opt.update(lossfun, 0.5, offset=3.0)     # grad = w
    np.testing.assert_allclose(link.w.array, P0 - 0.5 * P0)
    assert opt.t == 1 and opt.epoch == 0
    opt.new_epoch()
    assert opt.epoch == 1
    assert opt.target is link


@pytest.mark.parametrize("hook,transform", [
    (lambda: optimizer_hooks.WeightDecay(0.1), lambda p, g: g + 0.1 * p),
    (lambda: optimizer_hooks.Lasso(0.1), lambda p, g: g + 0.1 * np.sign(p)),
    (lambda: optimizer_hooks.GradientHardClipping(-0.2, 0.3), lambda p, g: np.clip(g, -0.2, 0.3)),
    (lambda: optimizer_hooks.GradientClipping(0.5), lambda p, g: g * min(1.0, 0.5 / np.linalg.norm(g))),
], ids=["WeightDecay", "Lasso", "GradientHardClipping", "GradientClipping"])
def test_hooks_change_the_gradient_before_the_update(hook, transform):
    link = one_param_link()
    opt = optimizers.SGD(lr=1.0)
    opt.setup(link)
    opt.add_hook(hook())
    link.w.grad = G1.copy()
    opt.update()
    np.testing.assert_allclose(link.w.array, P0 - transform(P0, G1), rtol=1e-12)


def test_python_hook_and_remove_hook():
    seen = []

    def record(optimizer):
        seen.append((optimizer.t, optimizer.target.w.grad.copy()))

    link = one_param_link()
    opt = optimizers.SGD(lr=1.0)
    opt.setup(link)
    opt.add_hook(record, name="record")
    link.w.grad = G1.copy()
    opt.update()
    assert len(seen) == 1 and seen[0][0] == 0          # a pre-update hook sees t before the step
    np.testing.assert_array_equal(seen[0][1], G1)
    with pytest.raises(ValueError):
        opt.add_hook(record, name="record")
    opt.remove_hook("record")
    link.w.grad = G2.copy()
    opt.update()
    assert len(seen) == 1


def test_disabled_link_is_not_updated():
    link = one_param_link()
    opt = optimizers.SGD(lr=1.0)
    opt.setup(link)
    link.disable_update()
    link.w.grad = G1.copy()
    opt.update()
    np.testing.assert_array_equal(link.w.array, P0)
