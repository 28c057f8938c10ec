"""Latency percentiles, warm-up excluded (reference solution)."""

import time


def percentile(samples, p):
    """The nearest-rank p-th percentile of samples."""
    if not samples:
        raise ValueError("percentile of no samples")
    if not 1 <= p <= 100:
        raise ValueError(f"p must be from 1 to 100, got {p}")
    ordered = sorted(samples)
    k = -(-p * len(ordered) // 100)  # ceil(p * n / 100) in integers
    return ordered[k - 1]


def measure_latency(fn, inputs, warmup, runs, clock=time.perf_counter):
    """p50, p95 and p99 of fn's latency over `runs` timed calls after `warmup` untimed ones."""
    if not inputs:
        raise ValueError("no inputs")
    if warmup < 0 or runs < 1:
        raise ValueError(f"need warmup >= 0 and runs >= 1, got warmup={warmup}, runs={runs}")
    for i in range(warmup):
        fn(inputs[i % len(inputs)])
    latencies = []
    for i in range(warmup, warmup + runs):
        x = inputs[i % len(inputs)]
        start = clock()
        fn(x)
        latencies.append(clock() - start)
    return {f"p{p}": percentile(latencies, p) for p in (50, 95, 99)}
