"""Checks fit_temperature against the rule the task states: the loss of T is
the mean log loss of sigmoid(z / T) (logits divided by T, not multiplied);
the answer is the minimiser over [0.05, 20] to within 1e-4 (the reference
solves for it to 1e-12, so a grid in steps of 0.01 or a search that stops
early fails); an end of the interval when the minimum lies there; 1.0 when
every logit is 0; no overflow at |z| = 1000; bad input raises ValueError."""

import math

import coursecheck as cc

TOL = 1e-4


def _sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _overconfident(rng, n, k):
    """n examples whose labels follow sigmoid(u); the model says k * u."""
    true = [rng.uniform(-4, 4) for _ in range(n)]
    labels = [int(rng.random() < _sigmoid(u)) for u in true]
    return [round(k * u, 3) for u in true], labels


def _expect_temperature(learner, ref, logits, labels, why):
    want = ref.fit_temperature(logits, labels)
    got = cc.call(learner.fit_temperature, logits, labels)
    ok = isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - want) <= TOL
    cc.expect(ok, f"{why}; the answer must lie within {TOL:g} of the exact minimiser {want:.6f}",
              expected=f"{want:.6f} ± {TOL:g}", actual=cc.show(got))


def test_fit_temperature_divides_the_logits_by_t(learner, ref):
    logits, labels = [4.0, -4.0, 2.0, -2.0, 6.0], [1, 0, 0, 1, 1]
    _expect_temperature(learner, ref, logits, labels,
                        f"fit_temperature({logits}, {labels}): these logits are too confident, so T > 1 "
                        "(sigmoid(z / T)); multiplying by T instead fits 1 / T")


def test_fit_temperature_minimises_the_mean_log_loss(learner, ref):
    for k in (3.0, 0.5, 1.0):
        rng = cc.Rand(seed=90 + int(10 * k))
        logits, labels = _overconfident(rng, 40, k)
        _expect_temperature(learner, ref, logits, labels,
                            f"logits {k} times the true log-odds of 40 examples (T* is near {k})")


def test_fit_temperature_is_accurate_to_one_ten_thousandth(learner, ref):
    # A minimiser far from any multiple of 0.01 or 0.001.
    logits, labels = [2.0, -1.0, 3.0, 0.5, -2.5, 1.5], [1, 0, 0, 1, 0, 1]
    _expect_temperature(learner, ref, logits, labels,
                        f"fit_temperature({logits}, {labels}): a grid in steps of 0.01, or a search that "
                        "stops at a bracket wider than 1e-4, misses the minimiser")


def test_fit_temperature_returns_the_lower_end_when_the_logits_are_never_wrong(learner):
    for logits, labels in (([3.0, -3.0], [1, 0]), ([0.5, 2.0, -0.1], [1, 1, 0])):
        got = cc.call(learner.fit_temperature, logits, labels)
        cc.expect(isinstance(got, (int, float)) and abs(got - 0.05) <= TOL,
                  f"fit_temperature({logits}, {labels}): every sign is right, so the loss keeps falling as "
                  "T shrinks, and the lowest loss on [0.05, 20] is at the end T = 0.05",
                  expected="0.05", actual=cc.show(got))


def test_fit_temperature_returns_the_upper_end_when_the_logits_are_upside_down(learner):
    for logits, labels in (([3.0, -3.0], [0, 1]), ([1000.0, -1000.0, 5.0], [1, 1, 0])):
        got = cc.call(learner.fit_temperature, logits, labels)
        cc.expect(isinstance(got, (int, float)) and abs(got - 20) <= TOL,
                  f"fit_temperature({logits}, {labels}): the loss keeps falling as T grows, so the lowest "
                  "loss on [0.05, 20] is at the end T = 20",
                  expected="20", actual=cc.show(got))


def test_fit_temperature_stops_at_the_ends_of_the_range(learner):
    # Three equal logits c with two of three labels 1: the loss is lowest at c / T = ln 2.
    for c, want, where in ((14.21, 20, "20.50, just above the range"), (0.0277, 0.05, "0.04, just below it")):
        logits, labels = [c, c, c], [1, 1, 0]
        got = cc.call(learner.fit_temperature, logits, labels)
        cc.expect(isinstance(got, (int, float)) and abs(got - want) <= TOL,
                  f"fit_temperature({logits}, {labels}): the exact minimiser c / ln 2 is {where}, so the lowest "
                  f"loss on [0.05, 20] is at the end T = {want}",
                  expected=str(want), actual=cc.show(got))


def test_fit_temperature_finds_a_large_temperature_inside_the_range(learner, ref):
    rng = cc.Rand(seed=93)
    logits, labels = _overconfident(rng, 60, 12.0)
    _expect_temperature(learner, ref, logits, labels,
                        "logits 12 times too confident: T* is near 12, inside [0.05, 20], so a search over a "
                        "narrower range such as [0.1, 10] stops short")


def test_fit_temperature_returns_one_when_every_logit_is_zero(learner, ref):
    for logits, labels in (([0.0, 0.0], [1, 0]), ([0.0], [1]), ([0.0, 0.0, 0.0], [0, 0, 1])):
        got = cc.call(learner.fit_temperature, logits, labels)
        cc.expect(got == 1.0, f"fit_temperature({logits}, {labels}): every T gives the loss ln 2, "
                  "and the task says to return 1.0", expected="1.0", actual=cc.show(got))
    # One zero logit among others is not the special case.
    _expect_temperature(learner, ref, [0.0, 2.0, -1.0, 3.0], [1, 1, 0, 0],
                        "fit_temperature([0.0, 2.0, -1.0, 3.0], [1, 1, 0, 0]): only one logit is 0, so fit T as usual")


def test_fit_temperature_survives_logits_of_a_thousand(learner, ref):
    for logits, labels in (([1000.0, -1000.0, 3.0, -2.0], [1, 0, 0, 1]), ([-1000.0, 999.5, 2.0], [0, 0, 1])):
        _expect_temperature(learner, ref, logits, labels,
                            f"fit_temperature({logits}, {labels}): z / T reaches 20000 at T = 0.05; "
                            "math.exp(20000) overflows, softplus(x) = max(x, 0) + log1p(exp(-|x|)) does not")


def test_fit_temperature_matches_the_reference_on_random_validation_sets(learner, ref):
    for rng in cc.random_cases(24, seed=94):
        n = rng.randint(1, 6 + 3 * rng.case)
        k = rng.choice([0.3, 0.8, 1.0, 1.7, 2.5, 4.0, 7.0])
        logits, labels = _overconfident(rng, n, k)
        cc.compare(learner.fit_temperature, ref.fit_temperature, logits, labels, rtol=0, atol=TOL)


def test_fit_temperature_rejects_lists_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.fit_temperature, [1.0, 2.0], [1])
    cc.expect_raises(ValueError, learner.fit_temperature, [1.0], [1, 0])


def test_fit_temperature_rejects_empty_lists(learner):
    cc.expect_raises(ValueError, learner.fit_temperature, [], [])


def test_fit_temperature_rejects_labels_other_than_zero_and_one(learner):
    cc.expect_raises(ValueError, learner.fit_temperature, [1.0, 2.0], [1, 2])
    cc.expect_raises(ValueError, learner.fit_temperature, [1.0], [-1])
    cc.expect_raises(ValueError, learner.fit_temperature, [1.0, -1.0], [0.5, 1])
