"""Checks softmax_ce_grad against the reference and against finite
differences of the cross-entropy, at ordinary and huge logits; and checks
numerical_gradient on smooth functions whose gradients are known."""

import math

import coursecheck as cc

# (z, target)
EDGE_CASES = [
    ([0.0], 0),
    ([0.0, 0.0], 1),
    ([1.0, 2.0, 3.0], 0),
    ([1.0, 2.0, 3.0], 2),
    ([1000.0, 0.0], 0),  # confidently right: gradient ≈ 0
    ([1000.0, 0.0], 1),  # confidently wrong: gradient ≈ (1, -1)
    ([-1000.0, 0.0, 1000.0], 0),
    ([-1000.0, -1000.0, -999.0], 2),
    ([1e-300, 0.0, -1e-300], 1),
]


def cross_entropy(z, target):
    """-log softmax(z)[target], computed stably (the function differentiated)."""
    m = max(z)
    return m + math.log(sum(math.exp(v - m) for v in z)) - z[target]


class Named:
    """A function that shows as its formula in the checker's messages."""

    def __init__(self, text, fn):
        self.text, self.fn = text, fn

    def __call__(self, x):
        return self.fn(x)

    def __repr__(self):
        return self.text


sum_of_cubes = Named("lambda x: sum(v ** 3 for v in x)", lambda x: sum(v ** 3 for v in x))
smooth_mix = Named("lambda x: sin(x[0]) * exp(0.1 * x[-1]) + sum(v * v for v in x)",
                   lambda x: math.sin(x[0]) * math.exp(0.1 * x[-1]) + sum(v * v for v in x))


def ce_at(t):
    return Named(f"lambda z: cross_entropy(z, target={t})", lambda z: cross_entropy(z, t))


def test_softmax_ce_grad_is_probability_minus_one_hot(learner):
    got = cc.call(learner.softmax_ce_grad, [0.0, 0.0, 0.0, 0.0], 1)
    want = [0.25, -0.75, 0.25, 0.25]
    cc.expect(cc.approx_equal(got, want),
              "with four equal logits every probability is 0.25; subtract 1 at the target: p - y",
              expected=cc.show(want), actual=cc.show(got))


def test_softmax_ce_grad_sums_to_zero(learner):
    for z, t in EDGE_CASES:
        got = cc.call(learner.softmax_ce_grad, z, t)
        cc.expect(abs(sum(got)) <= 1e-12,
                  f"the gradient should sum to 0 (the probabilities sum to 1, the one-hot label sums to 1); got a sum of {sum(got)!r}",
                  expected="sum ≈ 0", actual=cc.show(got))


def test_softmax_ce_grad_matches_the_reference_on_edge_cases(learner, ref):
    for z, t in EDGE_CASES:
        cc.compare(learner.softmax_ce_grad, ref.softmax_ce_grad, z, t)


def test_softmax_ce_grad_matches_the_reference_on_random_logits(learner, ref):
    for rng in cc.random_cases(25, seed=51):
        k = rng.randint(1, 2 + rng.case)
        scale = rng.choice([1.0, 10.0, 1000.0])
        cc.compare(learner.softmax_ce_grad, ref.softmax_ce_grad, rng.floats(k, -scale, scale), rng.randint(0, k - 1))


def test_softmax_ce_grad_agrees_with_finite_differences(learner):
    for rng in cc.random_cases(20, seed=52):
        k = rng.randint(2, 6)
        t = rng.randint(0, k - 1)
        z = rng.floats(k, -5, 5)
        cc.check_gradient(lambda v: cross_entropy(v, t), lambda v: learner.softmax_ce_grad(v, t), z, eps=1e-6)


def test_softmax_ce_grad_rejects_empty_logits_and_bad_targets(learner):
    cc.expect_raises(ValueError, learner.softmax_ce_grad, [], 0)
    cc.expect_raises(ValueError, learner.softmax_ce_grad, [1.0, 2.0], 2)
    cc.expect_raises(ValueError, learner.softmax_ce_grad, [1.0, 2.0], -1)


def test_numerical_gradient_of_a_quadratic(learner):
    got = cc.call(learner.numerical_gradient, Named("lambda v: v[0] ** 2 + 3 * v[1]", lambda v: v[0] ** 2 + 3 * v[1]), [2.0, 5.0])
    cc.expect(cc.approx_equal(got, [4.0, 3.0], rtol=1e-6, atol=1e-6),
              "the gradient of x0**2 + 3*x1 at (2, 5) is (4, 3)",
              expected="[4.0, 3.0]", actual=cc.show(got))


def test_numerical_gradient_uses_the_central_difference(learner):
    # f(x) = x**3 at x = 1 with h = 0.01: central gives 3 + h**2 = 3.0001, forward gives 3.0301
    got = cc.call(learner.numerical_gradient, sum_of_cubes, [1.0], 0.01)
    cc.expect(isinstance(got, list) and len(got) == 1 and abs(got[0] - 3.0001) < 1e-9,
              "for x**3 at x = 1 with h = 0.01 the central difference is (1.01**3 - 0.99**3) / 0.02 = 3.0001; "
              "the one-sided (f(x + h) - f(x)) / h gives 3.0301",
              expected="[3.0001]", actual=cc.show(got))


def test_numerical_gradient_uses_h_1e_5_by_default(learner, ref):
    # For x**3 the central difference is 3x**2 + h**2: h shows in the result.
    cc.compare(learner.numerical_gradient, ref.numerical_gradient, sum_of_cubes, [2.0, -1.0], rtol=1e-7, atol=1e-9)


def test_numerical_gradient_matches_the_reference_on_edge_cases(learner, ref):
    cc.compare(learner.numerical_gradient, ref.numerical_gradient, sum_of_cubes, [0.0], 1e-3, rtol=1e-7, atol=1e-9)
    cc.compare(learner.numerical_gradient, ref.numerical_gradient, sum_of_cubes, [1.0, -2.0, 0.5], 1e-4, rtol=1e-7, atol=1e-9)
    cc.compare(learner.numerical_gradient, ref.numerical_gradient, smooth_mix, [0.3, -1.2], 1e-5, rtol=1e-7, atol=1e-9)
    cc.compare(learner.numerical_gradient, ref.numerical_gradient, sum_of_cubes, [], 1e-5)


def test_numerical_gradient_matches_the_reference_on_random_points(learner, ref):
    for rng in cc.random_cases(20, seed=53):
        k = rng.randint(1, 2 + rng.case // 2)
        t = rng.randint(0, k - 1)
        f = rng.choice([sum_of_cubes, smooth_mix, ce_at(t)])
        h = rng.choice([1e-2, 1e-3, 1e-4])
        cc.compare(learner.numerical_gradient, ref.numerical_gradient, f, rng.floats(k, -3, 3), h, rtol=1e-7, atol=1e-9)


def test_numerical_gradient_rejects_a_step_that_is_not_positive(learner):
    cc.expect_raises(ValueError, learner.numerical_gradient, sum_of_cubes, [1.0], 0.0)
    cc.expect_raises(ValueError, learner.numerical_gradient, sum_of_cubes, [1.0], -1e-5)
