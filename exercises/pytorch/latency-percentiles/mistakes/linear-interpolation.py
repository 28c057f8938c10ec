# Interpolates linearly between neighbouring ranks (numpy's default) instead of taking the nearest rank.
import time


def percentile(samples, p):
    if not samples or not 1 <= p <= 100:
        raise ValueError("bad arguments")
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * p / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


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
