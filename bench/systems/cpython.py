"""CPython's multiprocessing.Pool on the benchmark's workloads, with the fork or the spawn start method.

Started by bench/run.ts with the real interpreter (not a version-manager shim) as
`python cpython.py <workload> '<params>'`; prints one JSON line, as the Node systems' harness does. The same
work as bench/systems/harness.mjs, written the way a Python user writes it; every result is checked.
"""
import json
import multiprocessing
import sys
import time

from memory_workloads import MEMORY_WORKLOADS
from peak_memory import peak_memory


def square(x):
    return x * x


def sum_squares(n):
    """The seed's cpu_bound_task."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def echo(payload):
    return payload


def sleep_for(ms):
    """g: block this worker for ms milliseconds."""
    time.sleep(ms / 1000)
    return ms


def mixed_durations(count, seed, min_ms, max_ms):
    """g's durations: the Park-Miller generator of bench/tasks/durations.mjs, so both draw the same list."""
    state = seed % 2147483647 or 1
    out = []
    for _ in range(count):
        state = state * 48271 % 2147483647
        out.append(min_ms + state % (max_ms - min_ms + 1))
    return out


def check(ok, what):
    if not ok:
        raise AssertionError(f"wrong result: {what}")


def with_pool(ctx, processes, reps, once):
    """One warm-up run (its sample dropped), `reps` measured runs, then close() and join()."""
    pool = ctx.Pool(processes)
    try:
        once(pool)
        samples = [once(pool) for _ in range(reps)]
        # While the workers still live (peak_memory.py).
        return {"samples": samples, "memory": peak_memory()}
    finally:
        pool.close()
        pool.join()


def cold(ctx, p):
    t0 = time.perf_counter()
    pool = ctx.Pool(p["processes"])
    value = pool.apply(square, (7,))
    t1 = time.perf_counter()
    check(value == 49, f"square(7) gave {value}")
    pool.close()
    pool.join()
    t2 = time.perf_counter()
    return {"bootMs": None, "firstResultMs": (t1 - t0) * 1000, "shutdownMs": (t2 - t1) * 1000}


def tasks(ctx, p):
    n = p["n"]
    args = list(range(n))
    expected = sum(x * x for x in args)

    def once(pool):
        t0 = time.perf_counter()
        results = [pool.apply_async(square, (x,)) for x in args]
        values = [r.get() for r in results]
        seconds = time.perf_counter() - t0
        check(len(values) == n and sum(values) == expected, "the results of the trivial tasks are wrong")
        return n / seconds

    return with_pool(ctx, p["processes"], p["reps"], once)


def roundtrip(ctx, p):
    n = p["n"]

    def once(pool):
        total = 0
        t0 = time.perf_counter()
        for i in range(n):
            total += pool.apply(square, (i,))
        seconds = time.perf_counter() - t0
        check(total == (n - 1) * n * (2 * n - 1) // 6, "the round-trip results are wrong")
        return seconds * 1e6 / n

    return with_pool(ctx, p["processes"], p["reps"], once)


def map_(ctx, p):
    n = p["n"]
    items = list(range(n))

    def once(pool):
        t0 = time.perf_counter()
        values = pool.map(square, items)
        seconds = time.perf_counter() - t0
        check(len(values) == n and values[n - 1] == square(n - 1) and values[1234 % n] == square(1234 % n),
              "the map results are wrong or out of order")
        return n / seconds

    return with_pool(ctx, p["processes"], p["reps"], once)


def calibrate(ms):
    """The n for which one sum_squares(n) takes about `ms` here."""
    n = 100_000
    while True:
        t0 = time.perf_counter()
        sum_squares(n)
        took = (time.perf_counter() - t0) * 1000
        if took >= ms / 4:
            break
        n *= 4
    n = round(n * ms / took)
    took = min(timed(sum_squares, n) for _ in range(3))
    return round(n * ms / took)


def timed(fn, arg):
    t0 = time.perf_counter()
    fn(arg)
    return (time.perf_counter() - t0) * 1000


def speedup(ctx, p):
    """The sequential runs (a warm-up and `reps`) come first, before any pool exists: a live Pool's helper threads
    and workers must not share the baseline's process (issue 20: speedups above the core count)."""
    n = calibrate(p["taskMs"]) if p.get("taskMs") is not None else p["size"]
    workload = [n] * p["count"]
    expected = sum_squares(n)
    seq_ms, par_ms = [], []
    for _ in range(p["reps"] + 1):
        t0 = time.perf_counter()
        sequential = [sum_squares(x) for x in workload]
        seq_ms.append((time.perf_counter() - t0) * 1000)
        check(all(v == expected for v in sequential), "the sequential results are wrong")

    def once(pool):
        t0 = time.perf_counter()
        parallel = pool.map(sum_squares, workload)
        par = (time.perf_counter() - t0) * 1000
        check(len(parallel) == len(workload) and all(v == expected for v in parallel),
              "parallel results differ from sequential ones")
        par_ms.append(par)
        return seq_ms[len(par_ms) - 1] / par

    result = with_pool(ctx, p["processes"], p["reps"], once)
    result["extra"] = {"n": n, "seqMs": seq_ms[1:], "parMs": par_ms[1:]}
    return result


def echo_(ctx, p):
    count, size = p["count"], p["bytes"]
    payloads = []
    for k in range(count):
        b = bytearray(size)
        b[::4096] = bytes((i + k) & 0xFF for i in range(size // 4096))
        payloads.append(bytes(b))
    mib = count * size / 2**20

    def once(pool):
        t0 = time.perf_counter()
        back = pool.map(echo, payloads)
        seconds = time.perf_counter() - t0
        check(len(back) == count and all(len(b) == size and b[4096] == payloads[k][4096]
                                         and b[size - 4096] == payloads[k][size - 4096] for k, b in enumerate(back)),
              "the echoed payloads differ from those sent")
        return mib / seconds

    return with_pool(ctx, p["processes"], p["reps"], once)


def mixed(ctx, p):
    durations = mixed_durations(p["count"], p["seed"], p["minMs"], p["maxMs"])

    def once(pool):
        t0 = time.perf_counter()
        back = pool.map(sleep_for, durations, 1)
        seconds = time.perf_counter() - t0
        check(back == durations, "the mixed-duration results are wrong or out of order")
        return seconds * 1000

    result = with_pool(ctx, p["processes"], p["reps"], once)
    result["extra"] = {"durations": durations}
    return result


WORKLOADS = {"mixed": mixed, "cold": cold, "tasks": tasks, "roundtrip": roundtrip, "map": map_, "speedup": speedup, "echo": echo_}


def main():
    workload, params = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    ctx = multiprocessing.get_context(params.get("start", "fork"))
    if workload in MEMORY_WORKLOADS:
        result = MEMORY_WORKLOADS[workload](ctx, params, echo, square)
    else:
        result = WORKLOADS[workload](ctx, params)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
