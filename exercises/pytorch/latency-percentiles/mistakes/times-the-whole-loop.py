# Times all the runs together and divides by their number: every percentile becomes the mean.
import time


def percentile(samples, p):
    if not samples or not 1 <= p <= 100:
        raise ValueError("bad arguments")
    ordered = sorted(samples)
    return ordered[-(-p * len(ordered) // 100) - 1]


def measure_latency(fn, inputs, warmup, runs, clock=time.perf_counter):
    if not inputs or warmup < 0 or runs < 1:
        raise ValueError("bad arguments")
    for i in range(warmup):
        fn(inputs[i % len(inputs)])
    start = clock()
    for i in range(warmup, warmup + runs):
        fn(inputs[i % len(inputs)])
    mean = (clock() - start) / runs
    return {f"p{p}": percentile([mean] * runs, p) for p in (50, 95, 99)}
