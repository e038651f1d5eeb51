"""Issue 20's memory workloads for CPython, as bench/systems/memory-workloads.mjs runs them for the Node systems:
one large payload, a long map, an endless imap consumed slowly. The parent's peak RSS (maxRSS) above its
baseline, taken once the pool is up and warm."""
import itertools
import time

from peak_memory import parent_peak_mib as peak_mib, peak_memory

RUNAWAY_MIB = 512


def check(ok, what):
    if not ok:
        raise AssertionError(f"wrong result: {what}")


def big_payload(ctx, p, echo, square):
    mb = p["mb"]
    with ctx.Pool(p["processes"]) as pool:
        pool.map(echo, [bytes(1024), bytes(1024)])
        base = peak_mib()
        # One allocation of the payload's size (a bytearray would be copied once more to be pickled).
        pages = [bytes([i]) + bytes(4095) for i in range(256)]
        payload = b"".join(pages[i & 0xFF] for i in range(mb * 256))
        t0 = time.perf_counter()
        [back] = pool.map(echo, [payload])
        ms = (time.perf_counter() - t0) * 1000
        check(len(back) == len(payload) and back[-4096] == payload[-4096], "the payload came back wrong")
        above = peak_mib() - base
        memory = peak_memory()
        pool.close()
        pool.join()
    return {"samples": [above / mb], "extra": {"baseMiB": base, "aboveMiB": above, "ms": ms}, "memory": memory}


def map_long(ctx, p, echo, square):
    n = p["n"]
    with ctx.Pool(p["processes"]) as pool:
        pool.map(square, [1, 2, 3, 4])
        base = peak_mib()
        items = list(range(n))
        t0 = time.perf_counter()
        values = pool.map(square, items)
        seconds = time.perf_counter() - t0
        check(len(values) == n and values[-1] == square(n - 1), "the map results are wrong")
        above = peak_mib() - base
        memory = peak_memory()
        pool.close()
        pool.join()
    return {"samples": [above], "extra": {"baseMiB": base, "itemsPerS": n / seconds}, "memory": memory}


def imap_endless(ctx, p, echo, square):
    seconds, sleep_s, every = p["seconds"], p["sleepMs"] / 1000, p["every"]
    produced = [0]

    def endless():
        for i in itertools.count():
            produced[0] = i + 1
            yield i

    with ctx.Pool(p["processes"]) as pool:
        pool.map(square, [1, 2, 3, 4])
        base = peak_mib()
        t0 = time.perf_counter()
        tenth = seconds / 10
        checkpoints, consumed, max_ahead, runaway = [], 0, 0, False
        for value in pool.imap(square, endless(), 1):
            check(value == square(consumed), f"item {consumed} came back as {value}")
            consumed += 1
            max_ahead = max(max_ahead, produced[0] - consumed)
            if consumed % every == 0:
                time.sleep(sleep_s)
            # getrusage only when a checkpoint is due or every `every` items, not per item (as memory-workloads.mjs).
            due = time.perf_counter() - t0 >= (len(checkpoints) + 1) * tenth
            if due or consumed % every == 0:
                grown = peak_mib() - base
                if due:
                    checkpoints.append(grown)
                if grown > RUNAWAY_MIB:
                    runaway = True
                    break
            if len(checkpoints) >= 10:
                break
        end = peak_mib() - base
        half = checkpoints[4] if len(checkpoints) > 4 else 0
        memory = peak_memory()
        # The task handler is still reading the endless input: terminate, as leaving the with block does.
        pool.terminate()
    return {"samples": [end - half],
            "extra": {"checkpointsMiB": checkpoints, "endMiB": end, "consumed": consumed, "maxAhead": max_ahead,
                      "runaway": runaway, "seconds": time.perf_counter() - t0},
            "memory": memory}


MEMORY_WORKLOADS = {"bigPayload": big_payload, "mapLong": map_long, "imapEndless": imap_endless}
