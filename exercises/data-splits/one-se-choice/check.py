"""Checks one_se_choice against the reference: the order of simplicity, the
mean, the sample standard error of the best model, ties for best, a mean
exactly on the threshold, bad input, and random cross-validation results."""

import coursecheck as cc

# Scores chosen so that the arithmetic is exact: mean 80, sample standard
# deviation sqrt(20 / 4) = sqrt(5), standard error sqrt(5) / sqrt(5) = 1.
SE_ONE = [83, 77, 81, 79, 80]
# Mean 80, sample standard deviation sqrt(200 / 4), standard error sqrt(10) ≈ 3.16.
SE_WIDE = [90, 70, 80, 80, 80]

EXAMPLE = [
    ("depth 1", [0.70, 0.72, 0.68, 0.70, 0.70]),
    ("depth 2", [0.80, 0.85, 0.79, 0.83, 0.83]),
    ("depth 4", [0.82, 0.86, 0.79, 0.84, 0.84]),
]


def _expect_choice(learner, results, want, why):
    got = cc.call(learner.one_se_choice, results)
    cc.expect(got == want, f"one_se_choice returned {cc.show(got)}, want {want!r}: {why}",
              expected=repr(want), actual=cc.show(got))


def test_chooses_as_in_the_example(learner):
    _expect_choice(learner, EXAMPLE, "depth 2",
                   "the best mean is 0.83 (depth 4), its standard error about 0.0118, so the threshold is "
                   "about 0.818 and depth 2 (mean 0.82) is the simplest model that reaches it")


def test_takes_the_order_of_the_list_as_the_order_of_simplicity(learner):
    results = [("small", [0.79, 0.84, 0.80, 0.83]), ("medium", [0.80, 0.84, 0.80, 0.83]), ("large", [0.80, 0.85, 0.79, 0.84])]
    _expect_choice(learner, results, "small", "all three are within one standard error of the best, and the first is the simplest")
    _expect_choice(learner, results[::-1], "large",
                   "listed the other way round, 'large' comes first and so counts as the simplest; "
                   "the order of the list, not the names or the scores, says which model is simpler")


def test_uses_the_mean_of_the_fold_scores(learner):
    # 'b' has the higher median (0.9) but the lower mean (0.74 < 0.76).
    results = [("a", [0.76, 0.76, 0.76, 0.76, 0.76]), ("b", [0.9, 0.9, 0.9, 0.5, 0.5])]
    _expect_choice(learner, results, "a", "'a' has the highest mean, 0.76, so it is the best model (b's mean is 0.74)")


def test_returns_the_best_model_when_no_simpler_one_is_within(learner):
    results = [("linear", [70, 71, 69, 70, 70]), ("tree", SE_ONE)]
    _expect_choice(learner, results, "tree", "the threshold is 80 - 1 = 79, which the linear model (mean 70) misses")


def test_a_mean_exactly_on_the_threshold_is_within_one_standard_error(learner):
    results = [("simple", [79, 79, 79, 79, 79]), ("complex", SE_ONE)]
    _expect_choice(learner, results, "simple",
                   "the best mean is 80 with standard error exactly 1, so the threshold is 79, and a mean of "
                   "exactly 79 is within one standard error (use >=, not >)")


def test_standard_error_uses_the_sample_standard_deviation(learner):
    results = [("simple", [79, 79, 79, 79, 79]), ("complex", SE_ONE)]
    _expect_choice(learner, results, "simple",
                   "the sample standard deviation of [83, 77, 81, 79, 80] divides the squared deviations (20) by "
                   "k - 1 = 4: s = sqrt(5), se = sqrt(5) / sqrt(5) = 1. Dividing by k gives se ≈ 0.894 and a "
                   "threshold of 79.1 that 'simple' misses")


def test_standard_error_divides_by_the_square_root_of_k(learner):
    results = [("simple", [77.5] * 5), ("complex", SE_ONE)]
    _expect_choice(learner, results, "complex",
                   "the standard error is s / sqrt(k) = sqrt(5) / sqrt(5) = 1, so the threshold is 79 and 77.5 "
                   "misses it; the standard deviation itself (2.24) would wrongly let 'simple' in")


def test_uses_the_standard_error_of_the_best_model(learner):
    # 'wide' has mean 78 and a large standard error of its own (sqrt(10)),
    # but the threshold comes from the best model: 80 - 1 = 79.
    results = [("wide", [88, 68, 78, 78, 78]), ("best", SE_ONE)]
    _expect_choice(learner, results, "best",
                   "the threshold is the best mean minus the best model's standard error, 80 - 1 = 79; "
                   "'wide' (mean 78) misses it however large its own standard error is")


def test_breaks_a_tie_for_best_by_taking_the_first_tied_model(learner):
    # Both tied models have mean 80; their standard errors are 1 and sqrt(10).
    narrow_first = [("simple", [78] * 5), ("narrow", SE_ONE), ("wide", SE_WIDE)]
    _expect_choice(learner, narrow_first, "narrow",
                   "'narrow' and 'wide' tie at mean 80; the first of them, 'narrow', is the best, so the threshold "
                   "is 80 - 1 = 79 and 'simple' (78) misses it")
    wide_first = [("simple", [78] * 5), ("wide", SE_WIDE), ("narrow", SE_ONE)]
    _expect_choice(learner, wide_first, "simple",
                   "'wide' and 'narrow' tie at mean 80; the first of them, 'wide', is the best, so the threshold "
                   "is 80 - sqrt(10) ≈ 76.8 and 'simple' (78) reaches it")


def test_matches_the_reference_on_edge_cases(learner, ref):
    cases = [
        [("only", [0.5, 0.7])],
        [("a", [0.5, 0.7]), ("b", [0.6, 0.6])],
        [("a", [1, 1, 1]), ("b", [1, 1, 1])],
        [("a", [0.9, 0.1, 0.9, 0.1]), ("b", [0.6, 0.6, 0.6, 0.6])],
        [("a", [3, 1, 2]), ("b", [2, 2, 2]), ("c", [1, 2, 3])],
        EXAMPLE,
    ]
    for results in cases:
        cc.compare(learner.one_se_choice, ref.one_se_choice, results)


def test_matches_the_reference_on_random_results(learner, ref):
    for rng in cc.random_cases(30, seed=16):
        k = rng.randint(2, 10)
        m = rng.randint(1, 2 + rng.case // 4)
        # Accuracy rises with complexity and levels off; the folds add noise.
        level, step = rng.uniform(0.6, 0.8), rng.uniform(0.0, 0.05)
        noise = rng.uniform(0.005, 0.05)
        results = []
        for j in range(m):
            mean = level + step * (1 - 0.5 ** j) * 2
            scores = [round(min(1.0, max(0.0, rng.gauss(mean, noise))), 3) for _ in range(k)]
            results.append((f"model {j}", scores))
        cc.compare(learner.one_se_choice, ref.one_se_choice, results)


def test_rejects_an_empty_list(learner):
    cc.expect_raises(ValueError, learner.one_se_choice, [])


def test_rejects_fewer_than_two_fold_scores(learner):
    cc.expect_raises(ValueError, learner.one_se_choice, [("a", [0.8]), ("b", [0.9])])
    cc.expect_raises(ValueError, learner.one_se_choice, [("a", [])])


def test_rejects_models_with_different_numbers_of_fold_scores(learner):
    cc.expect_raises(ValueError, learner.one_se_choice, [("a", [0.8, 0.7, 0.9]), ("b", [0.9, 0.8])])
    cc.expect_raises(ValueError, learner.one_se_choice, [("a", [0.8, 0.7]), ("b", [0.9, 0.8]), ("c", [0.9, 0.8, 0.7])])
