# Times the warm-up calls too and keeps them in the percentiles.
import time


def percentile(samples, p):
    if not samples or not 1 <= p <= 100:
        raise ValueError("bad arguments")
    ordered = sorted(samples)
    return ordered[-(-p * len(ordered) // 100) - 1]


def measure_latency(fn, inputs, warmup, runs, clock=time.perf_counter):
    if not inputs or warmup < 0 or runs < 1:
        raise ValueError("bad arguments")
    latencies = []
    for i in range(warmup + runs):
        start = clock()
        fn(inputs[i % len(inputs)])
        latencies.append(clock() - start)
    return {f"p{p}": percentile(latencies, p) for p in (50, 95, 99)}
