import coursecheck as cc

CASES = [(5, 0, 10), (-1, 0, 10), (11, 0, 10), (0, 0, 10), (10, 0, 10), (3, 3, 3)]


def test_clips(learner, ref):
    for x, lo, hi in CASES:
        cc.compare(learner.clip, ref.clip, x, lo, hi)


def test_rejects_lo_above_hi(learner):
    cc.expect_raises(ValueError, learner.clip, 1, 2, 0)
