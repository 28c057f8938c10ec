"""Checks kl_divergence against the rule the task states: natural logs, the
direction KL(p || q), a term with p[k] = 0 counts 0 whatever q[k] is, p[k] > 0
with q[k] = 0 gives math.inf (not an error), and bad input raises ValueError
(different lengths, empty lists, a negative entry, a sum off 1 by more than
1e-6)."""

import math

import coursecheck as cc

# (p, q)
EDGE_CASES = [
    ([0.5, 0.5], [0.9, 0.1]),
    ([0.9, 0.1], [0.5, 0.5]),
    ([1.0, 0.0], [0.5, 0.5]),
    ([0.0, 1.0], [0.0, 1.0]),  # 0 * ln(0 / 0) counts 0
    ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]),
    ([0.25, 0.25, 0.25, 0.25], [0.7, 0.1, 0.1, 0.1]),
    ([0.5, 0.5], [1.0, 0.0]),  # q rules out what p says happens
    ([0.0, 0.5, 0.5], [0.0, 0.0, 1.0]),
    ([1.0], [1.0]),
    ([1e-300, 1 - 1e-300], [0.5, 0.5]),
    ([0.5, 0.5], [1e-300, 1 - 1e-300]),
]


def _random_distribution(rng, n, zeros):
    weights = [0.0 if rng.random() < zeros else rng.random() + 0.01 for _ in range(n)]
    if sum(weights) == 0:
        weights[rng.randrange(n)] = 1.0
    total = sum(weights)
    return [w / total for w in weights]


def test_kl_divergence_uses_the_natural_log(learner):
    got = cc.call(learner.kl_divergence, [1.0, 0.0], [0.5, 0.5])
    cc.expect(isinstance(got, float) and cc.approx_equal(got, math.log(2)),
              "KL([1, 0] ‖ [0.5, 0.5]) = 1 · ln(1 / 0.5) = ln 2 ≈ 0.6931 in nats (natural log; "
              "log2 would give 1 bit)", expected=repr(math.log(2)), actual=cc.show(got))


def test_kl_divergence_is_p_against_q_not_q_against_p(learner):
    p, q = [0.5, 0.5], [0.9, 0.1]
    want = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(0.5 / 0.1)
    got = cc.call(learner.kl_divergence, p, q)
    cc.expect(isinstance(got, float) and cc.approx_equal(got, want),
              "KL(p ‖ q) sums p[k] · ln(p[k] / q[k]), weighted by the first argument; "
              f"KL(q ‖ p) would be {0.9 * math.log(0.9 / 0.5) + 0.1 * math.log(0.1 / 0.5):.6f}",
              expected=repr(want), actual=cc.show(got))


def test_kl_divergence_of_a_distribution_from_itself_is_zero(learner):
    for p in ([0.2, 0.3, 0.5], [0.0, 0.25, 0.75], [1.0]):
        got = cc.call(learner.kl_divergence, p, list(p))
        cc.expect(got == 0, f"KL(p ‖ p) is 0 for p = {p}", expected="0.0", actual=cc.show(got))


def test_kl_divergence_counts_a_term_with_p_zero_as_zero(learner):
    # q[k] = 0 too: 0 * ln(0 / 0) is 0 by the rule, not nan, inf or an error.
    got = cc.call(learner.kl_divergence, [0.0, 0.5, 0.5], [0.0, 0.5, 0.5])
    cc.expect(got == 0, "a term with p[k] = 0 contributes 0 even where q[k] = 0 as well (0 · ln 0 = 0)",
              expected="0.0", actual=cc.show(got))
    want = 0.5 * math.log(0.5 / 0.25) + 0.5 * math.log(0.5 / 0.25)
    got = cc.call(learner.kl_divergence, [0.5, 0.5, 0.0], [0.25, 0.25, 0.5])
    cc.expect(cc.approx_equal(got, want), "a term with p[k] = 0 contributes 0 whatever q[k] is",
              expected=repr(want), actual=cc.show(got))


def test_kl_divergence_is_infinite_where_q_is_zero_and_p_is_not(learner):
    for p, q in (([0.5, 0.5], [1.0, 0.0]), ([0.0, 0.1, 0.9], [0.5, 0.5, 0.0]), ([1e-12, 1 - 1e-12], [0.0, 1.0])):
        got = cc.call(learner.kl_divergence, p, q)
        cc.expect(got == math.inf and isinstance(got, float),
                  f"p = {p} puts probability on an outcome that q = {q} calls impossible: "
                  "the divergence is math.inf (a float), not an error and not a finite number",
                  expected="inf", actual=cc.show(got))


def test_kl_divergence_matches_the_reference_on_edge_cases(learner, ref):
    for p, q in EDGE_CASES:
        cc.compare(learner.kl_divergence, ref.kl_divergence, p, q, rtol=1e-9)


def test_kl_divergence_matches_the_reference_on_random_distributions(learner, ref):
    for rng in cc.random_cases(25, seed=61):
        n = rng.randint(1, 3 + rng.case)
        p = _random_distribution(rng, n, 0.2)
        q = _random_distribution(rng, n, 0.1)
        cc.compare(learner.kl_divergence, ref.kl_divergence, p, q, rtol=1e-9)


def test_kl_divergence_rejects_lists_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.kl_divergence, [0.5, 0.5], [1.0])
    cc.expect_raises(ValueError, learner.kl_divergence, [1.0], [0.5, 0.5])


def test_kl_divergence_rejects_empty_lists(learner):
    cc.expect_raises(ValueError, learner.kl_divergence, [], [])


def test_kl_divergence_rejects_negative_entries(learner):
    # Both lists sum to 1, so only the sign rule can reject them.
    cc.expect_raises(ValueError, learner.kl_divergence, [1.5, -0.5], [0.5, 0.5])
    cc.expect_raises(ValueError, learner.kl_divergence, [0.5, 0.5], [1.5, -0.5])
    cc.expect_raises(ValueError, learner.kl_divergence, [0.0, 1.0], [-0.25, 1.25])


def test_kl_divergence_rejects_lists_that_do_not_sum_to_one(learner):
    cc.expect_raises(ValueError, learner.kl_divergence, [0.5, 0.6], [0.5, 0.5])
    cc.expect_raises(ValueError, learner.kl_divergence, [0.5, 0.5], [0.4, 0.5])
    cc.expect_raises(ValueError, learner.kl_divergence, [0.5, 0.5 + 2e-6], [0.5, 0.5])
    cc.expect_raises(ValueError, learner.kl_divergence, [0.5, 0.5], [0.5, 0.5 - 2e-6])


def test_kl_divergence_accepts_sums_within_one_millionth_of_one(learner, ref):
    for p, q in (([0.5, 0.5 + 5e-7], [0.5, 0.5]), ([0.5, 0.5], [0.3, 0.7 - 5e-7]), ([0.1] * 10, [0.1] * 10)):
        cc.compare(learner.kl_divergence, ref.kl_divergence, p, q, rtol=1e-9)
