"""Latency percentiles, warm-up excluded.

1. percentile(samples, p): the nearest-rank p-th percentile of a non-empty
   list of numbers, for an int p from 1 to 100: sort the values in
   ascending order and return the one at 1-based rank k = ceil(p * n / 100),
   computed exactly (n is len(samples)). Leave the caller's list as it was.
   Raise ValueError if samples is empty or p is outside 1..100.

2. measure_latency(fn, inputs, warmup, runs, clock=time.perf_counter):
   call fn warmup + runs times; call i (counting from 0, warm-up calls
   included) is fn(inputs[i % len(inputs)]). The first `warmup` calls are
   not measured. Time each of the other `runs` calls on its own with
   `clock`: read it just before and just after the call; the latency is the
   difference, in the clock's unit. Return
   {"p50": ..., "p95": ..., "p99": ...}, the percentiles (as percentile
   computes them) of those `runs` latencies. Raise ValueError if inputs is
   empty, warmup < 0 or runs < 1.
"""

import time


def percentile(samples, p):
    """The nearest-rank p-th percentile of samples."""
    raise NotImplementedError("percentile is not written yet")


def measure_latency(fn, inputs, warmup, runs, clock=time.perf_counter):
    """p50, p95 and p99 of fn's latency over `runs` timed calls after `warmup` untimed ones."""
    raise NotImplementedError("measure_latency is not written yet")
