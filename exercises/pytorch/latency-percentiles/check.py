"""Checks percentile against the nearest-rank rule (exact values, ties, the
ranks where p / 100 is inexact in binary, the caller's list left alone) and
measure_latency with a fake function and a fake clock: the function moves
the clock on by a known cost per call, so every latency, and every
percentile, has one exact answer."""

import inspect
import time

import coursecheck as cc


class FakeService:
    """fn(x) takes costs[i] + 3 * x ticks on its i-th call; clock() reads
    the ticks. Warm-up calls are the slow ones at the start of costs."""

    def __init__(self, costs, start):
        self.costs = costs
        self.now = start
        self.seen = []

    def clock(self):
        return float(self.now)

    def fn(self, x):
        i = len(self.seen)
        self.seen.append(x)
        self.now += (self.costs[i] if i < len(self.costs) else 10) + 3 * x
        return x


def behaviour(measure):
    """Wraps measure_latency: a plain description of the service in, the
    result and the inputs fn received out."""

    def measure_latency(service, inputs, warmup, runs):
        fake = FakeService(service["costs"], service["start"])
        result = measure(fake.fn, inputs, warmup, runs, clock=fake.clock)
        return {"result": result, "inputs fn received, in order": fake.seen}

    return measure_latency


def service(costs, start=1000):
    return {"costs": list(costs), "start": start}


def test_percentile_of_one_value(learner, ref):
    for p in (1, 50, 100):
        cc.compare(learner.percentile, ref.percentile, [7.5], p, rtol=0, atol=0)


def test_percentile_uses_the_nearest_rank(learner, ref):
    # n = 10: p50 is rank 5 (no averaging of ranks 5 and 6); p95 and p99 are rank 10.
    ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    for p in (1, 10, 11, 50, 51, 90, 95, 99, 100):
        cc.compare(learner.percentile, ref.percentile, ten, p, rtol=0, atol=0)
    # n = 20: p95 is rank 19, p99 rank 20.
    twenty = [1.5 * i for i in range(20, 0, -1)]
    for p in (5, 50, 95, 99):
        cc.compare(learner.percentile, ref.percentile, twenty, p, rtol=0, atol=0)


def test_percentile_computes_the_rank_exactly(learner, ref):
    # 7 / 100 * 100 is 7.000000000000001 in floating point: ceil gives 8, the rank is 7.
    hundred = [(37 * i) % 100 for i in range(100)]
    for p in (7, 14, 28, 55, 56):
        cc.compare(learner.percentile, ref.percentile, hundred, p, rtol=0, atol=0)


def test_percentile_with_ties_and_unsorted_input(learner, ref):
    for samples, p in (([3, 1, 2], 100), ([3, 1, 2], 34), ([2, 2, 2, 1], 50), ([5, 5, 1, 1], 50), ([0.3, -1.0, 0.3], 67)):
        cc.compare(learner.percentile, ref.percentile, samples, p, rtol=0, atol=0)


def test_percentile_leaves_the_list_alone(learner):
    samples = [5, 3, 9, 1]
    kept = list(samples)
    cc.call(learner.percentile, samples, 50)  # a copy: cc.call must not hide a sort in place
    got = learner.percentile(samples, 50)
    cc.expect(samples == kept and got == 3, "percentile(samples, 50) should leave samples in the caller's order "
              "(sort a copy with sorted(), not samples.sort())", expected=f"{kept}, returning 3",
              actual=f"{samples}, returning {cc.show(got)}")


def test_percentile_rejects_bad_arguments(learner):
    cc.expect_raises(ValueError, learner.percentile, [], 50)
    cc.expect_raises(ValueError, learner.percentile, [1, 2], 0)
    cc.expect_raises(ValueError, learner.percentile, [1, 2], 101)


def test_percentile_matches_the_reference_on_random_samples(learner, ref):
    for rng in cc.random_cases(30, seed=21):
        n = rng.randint(1, 5 + 10 * rng.case)
        samples = rng.ints(n, 0, 50) if rng.random() < 0.5 else rng.floats(n, 0.1, 20.0)
        p = rng.choice([50, 95, 99, rng.randint(1, 100)])
        cc.compare(learner.percentile, ref.percentile, samples, p, rtol=0, atol=0)


def test_measure_latency_times_each_call(learner, ref):
    costs = [0, 0, 4, 8, 1, 7, 2, 9, 3, 5]  # no warm-up: every call is timed
    cc.compare(behaviour(learner.measure_latency), behaviour(ref.measure_latency),
               service(costs), [0], 0, 10, rtol=0, atol=0)


def test_measure_latency_leaves_out_the_warm_up(learner, ref):
    # Three slow first calls (a cold cache, lazy initialisation), then steady ones.
    costs = [900, 300, 120] + [20, 22, 21, 25, 19, 20, 23, 60, 21, 20, 22, 24, 20, 21, 19, 22, 80, 20, 21, 23]
    cc.compare(behaviour(learner.measure_latency), behaviour(ref.measure_latency),
               service(costs), [1], 3, 20, rtol=0, atol=0)


def test_measure_latency_cycles_through_the_inputs(learner, ref):
    # 5 warm-up calls use inputs 0..4 mod 3; the timed ones carry on from there.
    costs = [500, 200, 100, 50, 40] + [10] * 12
    cc.compare(behaviour(learner.measure_latency), behaviour(ref.measure_latency),
               service(costs), [1, 20, 300], 5, 12, rtol=0, atol=0)


def test_measure_latency_uses_the_clock_it_is_given(learner, ref):
    costs = [7, 11, 13, 17]
    cc.compare(behaviour(learner.measure_latency), behaviour(ref.measure_latency),
               service(costs, start=10**9), [2, 4], 1, 3, rtol=0, atol=0)


def test_measure_latency_clock_defaults_to_perf_counter(learner):
    try:
        default = inspect.signature(learner.measure_latency).parameters["clock"].default
    except (KeyError, TypeError, ValueError):
        default = "no parameter named clock"
    cc.expect(default is time.perf_counter, "measure_latency's clock parameter should default to time.perf_counter "
              "(monotonic, the finest resolution; time.time can jump and is coarser)",
              expected="time.perf_counter", actual=cc.show(default))


def test_measure_latency_rejects_bad_arguments(learner):
    fake = FakeService([1] * 10, 0)
    cc.expect_raises(ValueError, learner.measure_latency, fake.fn, [], 1, 5, clock=fake.clock)
    cc.expect_raises(ValueError, learner.measure_latency, fake.fn, [1], -1, 5, clock=fake.clock)
    cc.expect_raises(ValueError, learner.measure_latency, fake.fn, [1], 2, 0, clock=fake.clock)


def test_measure_latency_matches_the_reference_on_random_services(learner, ref):
    for rng in cc.random_cases(20, seed=22):
        warmup, runs = rng.randint(0, 6), rng.randint(1, 10 + 15 * rng.case)
        costs = [rng.randint(200, 2000) for _ in range(warmup)] + [rng.randint(5, 40) for _ in range(runs)]
        for i in range(warmup, warmup + runs):  # a few stragglers in the tail
            if rng.random() < 0.05:
                costs[i] += rng.randint(100, 400)
        inputs = rng.ints(rng.randint(1, 4), 0, 9)
        cc.compare(behaviour(learner.measure_latency), behaviour(ref.measure_latency),
                   service(costs, start=rng.randint(0, 10**6)), inputs, warmup, runs, rtol=0, atol=0)
