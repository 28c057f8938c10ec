"""Compares the loss-functions exercises' reference solutions with PyTorch
(torch.nn.functional) and scikit-learn on seeded random inputs.

The lessons state each convention (mean reduction, natural log, PyTorch's
Huber scaling, weights normalised by their sum); this test pins the
solutions, and so the checkers that compare learners with them, to the
libraries learners will use. Run by internal/exercise/reference_test.go with
a Python that has torch and sklearn, or directly:

    cd exercises/_lib/reference && python3 -m unittest -v test_loss_functions.py
"""

import importlib.util
import math
import os
import random
import unittest

import torch
import torch.nn.functional as F
from sklearn.metrics import log_loss, mean_absolute_error, mean_squared_error

HERE = os.path.dirname(os.path.abspath(__file__))
EXERCISES = os.path.join(HERE, "..", "..", "loss-functions")
SEEDS = range(25)


def load(slug):
    """The solution.py of exercises/loss-functions/<slug>, as a module."""
    path = os.path.join(EXERCISES, slug, "solution.py")
    spec = importlib.util.spec_from_file_location(f"solution_{slug.replace('-', '_')}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def t(values):
    return torch.tensor(values, dtype=torch.float64)


def floats(rng, n, lo=-10.0, hi=10.0):
    return [rng.uniform(lo, hi) for _ in range(n)]


def batch(rng, scale):
    n, k = rng.randint(1, 12), rng.randint(2, 6)
    logits = [floats(rng, k, -scale, scale) for _ in range(n)]
    targets = [rng.randrange(k) for _ in range(n)]
    return logits, targets


class LossFunctionsMatchPyTorch(unittest.TestCase):
    def assertClose(self, got, want, rtol=1e-9, atol=1e-12, msg=""):
        got, want = [float(v) for v in got], [float(v) for v in want]
        self.assertEqual(len(got), len(want), msg)
        for i, (g, w) in enumerate(zip(got, want)):
            self.assertLessEqual(abs(g - w), atol + rtol * abs(w), f"{msg} [{i}]: got {g!r}, want {w!r}")

    def test_mse_and_mae_match_torch_and_sklearn(self):
        m = load("mse")
        for seed in SEEDS:
            rng = random.Random(seed)
            n = rng.randint(1, 30)
            y, p = floats(rng, n), floats(rng, n)
            with self.subTest(seed=seed):
                self.assertClose([m.mse(y, p)], [F.mse_loss(t(p), t(y))])
                self.assertClose([m.mae(y, p)], [F.l1_loss(t(p), t(y))])
                self.assertClose([m.mse(y, p)], [mean_squared_error(y, p)])
                self.assertClose([m.mae(y, p)], [mean_absolute_error(y, p)])

    def test_huber_and_its_gradient_match_f_huber_loss(self):
        m = load("huber")
        for seed in SEEDS:
            rng = random.Random(seed)
            n = rng.randint(1, 30)
            delta = rng.choice([0.1, 0.5, 1.0, 1.35, 3.0])
            y, p = floats(rng, n), floats(rng, n)
            pred = t(p).requires_grad_()
            loss = F.huber_loss(pred, t(y), reduction="mean", delta=delta)
            loss.backward()
            with self.subTest(seed=seed, delta=delta):
                self.assertClose([m.huber(y, p, delta)], [loss.item()])
                self.assertClose(m.huber_grad(y, p, delta), pred.grad.tolist())

    def test_binary_cross_entropy_matches_torch_on_clipped_probabilities(self):
        m = load("binary-cross-entropy")
        eps = 1e-7
        for seed in SEEDS:
            rng = random.Random(seed)
            n = rng.randint(1, 30)
            y = [float(rng.randint(0, 1)) for _ in range(n)]
            p = [rng.choice([0.0, 1.0, rng.random(), 10 ** -rng.randint(3, 300)]) for _ in range(n)]
            want = F.binary_cross_entropy(t(p).clamp(eps, 1 - eps), t(y), reduction="mean")
            with self.subTest(seed=seed):
                self.assertClose([m.binary_cross_entropy(y, p, eps)], [want], rtol=1e-9)

    def test_binary_cross_entropy_matches_sklearn_log_loss_where_no_clipping_applies(self):
        m = load("binary-cross-entropy")
        for seed in SEEDS:
            rng = random.Random(seed)
            n = rng.randint(2, 30)
            y = [0, 1] + [rng.randint(0, 1) for _ in range(n - 2)]
            p = [rng.uniform(1e-6, 1 - 1e-6) for _ in range(n)]
            with self.subTest(seed=seed):
                self.assertClose([m.binary_cross_entropy(y, p)], [log_loss(y, p)], rtol=1e-9)

    def test_log_softmax_and_cross_entropy_match_torch_up_to_logits_of_1000(self):
        m = load("log-softmax")
        for seed in SEEDS:
            rng = random.Random(seed)
            scale = [1.0, 10.0, 100.0, 1000.0][seed % 4]
            logits, targets = batch(rng, scale)
            want_ls = F.log_softmax(t(logits), dim=1)
            want_ce = F.cross_entropy(t(logits), torch.tensor(targets), reduction="mean")
            with self.subTest(seed=seed, scale=scale):
                for row, want in zip(logits, want_ls.tolist()):
                    self.assertClose(m.log_softmax(row), want)
                self.assertClose([m.cross_entropy_from_logits(logits, targets)], [want_ce])

    def test_weighted_cross_entropy_matches_f_cross_entropy_with_weight(self):
        m = load("focal-loss")
        for seed in SEEDS:
            rng = random.Random(seed)
            logits, targets = batch(rng, [1.0, 10.0, 1000.0][seed % 3])
            weights = [rng.uniform(0.1, 10.0) for _ in logits[0]]
            want = F.cross_entropy(t(logits), torch.tensor(targets), weight=t(weights), reduction="mean")
            with self.subTest(seed=seed):
                self.assertClose([m.weighted_cross_entropy(logits, targets, weights)], [want])

    def test_focal_loss_matches_a_torch_formulation(self):
        m = load("focal-loss")
        for seed in SEEDS:
            rng = random.Random(seed)
            logits, targets = batch(rng, [1.0, 10.0, 1000.0][seed % 3])
            gamma = rng.choice([0.0, 0.5, 1.0, 2.0, 5.0])
            alpha = None if seed % 2 else [rng.uniform(0.1, 1.0) for _ in logits[0]]
            tt = torch.tensor(targets)
            ce = F.cross_entropy(t(logits), tt, reduction="none")
            a = torch.ones_like(ce) if alpha is None else t(alpha)[tt]
            want = (a * (-torch.expm1(-ce)) ** gamma * ce).mean()
            with self.subTest(seed=seed, gamma=gamma, alpha=alpha is not None):
                self.assertClose([m.focal_loss(logits, targets, gamma, alpha)], [want], rtol=1e-9)

    def test_focal_loss_with_gamma_zero_is_f_cross_entropy(self):
        m = load("focal-loss")
        for seed in SEEDS:
            rng = random.Random(seed)
            logits, targets = batch(rng, 10.0)
            want = F.cross_entropy(t(logits), torch.tensor(targets))
            with self.subTest(seed=seed):
                self.assertClose([m.focal_loss(logits, targets, 0.0)], [want])

    def test_softmax_ce_grad_matches_autograd(self):
        m = load("softmax-ce-grad")
        for seed in SEEDS:
            rng = random.Random(seed)
            k = rng.randint(1, 8)
            z = floats(rng, k, *[(-5, 5), (-1000, 1000)][seed % 2])
            target = rng.randrange(k)
            zt = t([z]).requires_grad_()
            F.cross_entropy(zt, torch.tensor([target])).backward()
            with self.subTest(seed=seed):
                self.assertClose(m.softmax_ce_grad(z, target), zt.grad[0].tolist(), atol=1e-15)

    def test_numerical_gradient_approximates_autograd(self):
        m = load("softmax-ce-grad")

        def f_torch(x):
            return torch.sin(x[0]) * torch.exp(0.1 * x[-1]) + (x * x).sum() + torch.logsumexp(x, 0)

        def f_float(x):
            mx = max(x)
            lse = mx + math.log(sum(math.exp(v - mx) for v in x))
            return math.sin(x[0]) * math.exp(0.1 * x[-1]) + sum(v * v for v in x) + lse

        for seed in SEEDS:
            rng = random.Random(seed)
            x = floats(rng, rng.randint(1, 6), -3, 3)
            xt = t(x).requires_grad_()
            f_torch(xt).backward()
            with self.subTest(seed=seed):
                self.assertClose(m.numerical_gradient(f_float, x, 1e-5), xt.grad.tolist(), rtol=1e-7, atol=1e-8)


if __name__ == "__main__":
    unittest.main()
