# Computes the rank as math.ceil(p / 100 * n) in floating point, which is one too high when p / 100 is inexact.
import math
import time


def percentile(samples, p):
    if not samples or not 1 <= p <= 100:
        raise ValueError("bad arguments")
    ordered = sorted(samples)
    k = min(math.ceil(p / 100 * len(ordered)), len(ordered))
    return ordered[k - 1]


def measure_latency(fn, inputs, warmup, runs, clock=time.perf_counter):
    if not inputs or warmup < 0 or runs < 1:
        raise ValueError("bad arguments")
    for i in range(warmup):
        fn(inputs[i % len(inputs)])
    latencies = []
    for i in range(warmup, warmup + runs):
        x = inputs[i % len(inputs)]
        start = clock()
        fn(x)
        latencies.append(clock() - start)
    return {f"p{p}": percentile(latencies, p) for p in (50, 95, 99)}
