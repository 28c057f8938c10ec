# Times the calls with time.time() instead of the clock it is given.
import time


def percentile(samples, p):
    if not samples or not 1 <= p <= 100:
        raise ValueError("bad arguments")
    ordered = sorted(samples)
    return ordered[-(-p * len(ordered) // 100) - 1]


def measure_latency(fn, inputs, warmup, runs, clock=time.time):
    if not inputs or warmup < 0 or runs < 1:
        raise ValueError("bad arguments")
    for i in range(warmup):
        fn(inputs[i % len(inputs)])
    latencies = []
    for i in range(warmup, warmup + runs):
        x = inputs[i % len(inputs)]
        start = time.time()
        fn(x)
        latencies.append(time.time() - start)
    return {f"p{p}": percentile(latencies, p) for p in (50, 95, 99)}
