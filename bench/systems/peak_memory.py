"""Peak resident memory of this process and of every process under it, read as bench/systems/memory.mjs reads
it for the Node systems: getrusage's maxRSS for the parent, VmHWM from /proc/<pid>/status for each descendant
(found through /proc/<pid>/task/<tid>/children). Read before the pool shuts down. Linux only."""
import os
import resource
import re


def parent_peak_mib():
    """This process's peak RSS so far (MiB): getrusage's maxRSS, a high-water mark."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_memory():
    return {
        "parentMiB": parent_peak_mib(),
        "workersMiB": [m for m in (hwm_mib(pid) for pid in descendants(os.getpid())) if m is not None],
    }


def descendants(pid):
    found, pending = [], [pid]
    while pending:
        for child in children_of(pending.pop()):
            found.append(child)
            pending.append(child)
    return sorted(found)


def children_of(pid):
    try:
        out = []
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(c) for c in f.read().split()]
        return out
    except OSError:
        return []


def hwm_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            match = re.search(r"^VmHWM:\s+(\d+) kB$", f.read(), re.M)
        return int(match.group(1)) / 1024 if match else None
    except OSError:
        return None
