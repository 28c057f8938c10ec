import coursecheck as cc


def test_clips(learner, ref):
    for x, lo, hi in [(5, 0, 10), (-1, 0, 10), (11, 0, 10)]:
        cc.compare(learner.clip, ref.clip, x, lo, hi)
