# Starts the inputs over after the warm-up (inputs[j % len(inputs)] with j counted from the first timed call).
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
    latencies = []
    for j in range(runs):
        x = inputs[j % len(inputs)]
        start = clock()
        fn(x)
        latencies.append(clock() - start)
    return {f"p{p}": percentile(latencies, p) for p in (50, 95, 99)}
