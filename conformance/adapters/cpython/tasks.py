"""The task catalog (see conformance/harness/implementation.ts TASKS) for CPython's multiprocessing.

Same behaviour as conformance/adapters/reference/tasks.ts. Every task is a module-level function so that it
is picklable under every start method the driver runs (fork, spawn, forkserver): spawn and forkserver children
import this module afresh, so module state (_appended, _init_value, _remembered) starts empty in each.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from typing import Any


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


# Tasks without arguments take one and ignore it, so that a rule can map them over a list.
def noop(_ignored: Any = None) -> None:
    pass


def sleepFor(ms: float) -> None:
    time.sleep(ms / 1000)


def exitWith(code: int) -> None:
    sys.exit(code)


def killSelf(sig: int) -> None:
    os.kill(os.getpid(), sig)
    # A signal that is caught or ignored must not let the task return (exit 0) before it lands.
    time.sleep(10)


def raiseError(message: str) -> None:
    raise ValueError(message)


def square(x: float) -> float:
    return x * x


def power(base: float, exp: float) -> float:
    return base**exp


def slowSquare(x: float, ms: float = 300) -> float:
    time.sleep(ms / 1000)
    return x * x


def risky(x: float) -> float:
    if x == 0:
        raise ValueError("Cannot process zero!")
    return 100 / x


def getPid(_ignored: Any = None) -> int:
    return os.getpid()


def writeIdentity(path: str) -> None:
    me = multiprocessing.current_process()
    _write(path, json.dumps({"name": me.name, "pid": me.pid, "ppid": os.getppid(), "daemon": me.daemon}))


# Each process has its own copy: a child's appends never reach the parent or a sibling.
_appended: list[Any] = []


def appendToGlobal(path: str, value: Any) -> None:
    _appended.append(value)
    _write(path, json.dumps(_appended))


def startChild(path: str) -> None:
    try:
        child = multiprocessing.Process(target=noop)
        child.start()
        child.join()
        _write(path, json.dumps({"ok": True, "name": child.name}))
    except Exception as error:  # A daemonic parent gets AssertionError: the rule reads its message.
        _write(path, json.dumps({"ok": False, "error": str(error)}))


def poolInChild(path: str, processes: int, xs: list[int]) -> None:
    try:
        pool = multiprocessing.Pool(processes)
        result = pool.map(square, xs)
        pool.close()
        pool.join()
        _write(path, json.dumps({"ok": True, "result": result}))
    except Exception as error:  # A daemonic process gets AssertionError: the rule reads its message.
        _write(path, json.dumps({"ok": False, "error": str(error)}))


def ignoreTerminate(path: str) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _write(path, "ready")
    time.sleep(30)


def writeThenSleep(path: str, text: str, ms: float) -> None:
    _write(path, text)
    time.sleep(ms / 1000)


def cpuBound(n: int) -> int:
    return sum(i * i for i in range(n))


def raiseTypeError(message: str) -> None:
    raise TypeError(message)


def workerIdentity(_ignored: Any = None) -> dict[str, Any]:
    me = multiprocessing.current_process()
    return {"name": me.name, "pid": me.pid, "daemon": me.daemon}


# What the last recordInit stored in this process (each process has its own copy).
_init_value: Any = None


def recordInit(path: str, value: Any) -> None:
    """Strings are written as they are, anything else as compact JSON: the same text as tasks.ts writes."""
    global _init_value
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    # One write(2) on an O_APPEND descriptor: lines from workers initializing at once never interleave.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(fd, f"{os.getpid()} {text}\n".encode())
    finally:
        os.close(fd)
    _init_value = value


def initValue(_ignored: Any = None) -> Any:
    return _init_value


def sleepThenExit(ms: float, code: int) -> None:
    time.sleep(ms / 1000)
    sys.exit(code)


def raiseAfter(ms: float, message: str) -> None:
    time.sleep(ms / 1000)
    raise ValueError(message)


def rendezvous(directory: str, name: str, count: int, timeoutMs: float) -> int:
    _write(os.path.join(directory, name), "")
    deadline = time.monotonic() + timeoutMs / 1000
    seen = len(os.listdir(directory))
    while seen < count and time.monotonic() < deadline:
        time.sleep(0.02)
        seen = len(os.listdir(directory))
    return seen


# Queue tasks: `queue` is the driver's real multiprocessing.Queue, inherited by the child (forked, or pickled while
# spawning).


def putItems(queue: Any, items: list[Any]) -> None:
    for item in items:
        queue.put(item)


def putThenExit(queue: Any, item: Any, code: int) -> None:
    queue.put(item)
    # sys.exit, as exitWith: multiprocessing then flushes the queue's feeder thread before the process ends.
    sys.exit(code)


def getAndRecord(queue: Any, path: str, count: int, timeoutMs: float) -> None:
    items: list[Any] = []
    try:
        for _ in range(count):
            items.append(queue.get(timeout=timeoutMs / 1000))
    except Exception as error:  # queue.Empty is named "Empty".
        _write(path, json.dumps({"error": type(error).__name__, "items": items}))
        return
    _write(path, json.dumps(items))


def putSquare(n: int, queue: Any) -> None:
    """The seed's compute_square."""
    queue.put((n, n * n, os.getpid()))


def putLarge(queue: Any, size: int) -> None:
    queue.put("x" * size)


def readyThenGet(queue: Any, path: str, timeoutMs: float) -> None:
    _write(path, "ready")
    queue.get(timeout=timeoutMs / 1000)


def putThenNest(queue: Any, first: Any, second: Any) -> None:
    queue.put(first)
    child = multiprocessing.Process(target=putItems, args=(queue, [second]))
    child.start()
    child.join()


def putMany(queue: Any, count: int, size: int) -> None:
    for i in range(count):
        queue.put(f"{i}:".ljust(size, "x"))


def queueSize(queue: Any, path: str) -> None:
    _write(path, json.dumps(queue.qsize()))


def putThenKill(queue: Any, item: Any) -> None:
    queue.put(item)
    os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(10)


def hostQueueThenExit(path: str, timeoutMs: float) -> None:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=getAndRecord, args=(queue, path, 2, timeoutMs))
    child.start()
    queue.put("first")
    deadline = time.monotonic() + 60
    while queue.qsize() > 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    os._exit(0)  # At once: no finalizers, no joining the child.


# The queue the last rememberQueue kept in this process (each process has its own copy).
_remembered: Any = None


def rememberQueue(queue: Any) -> None:
    global _remembered
    _remembered = queue


def putOnRemembered(item: Any) -> None:
    if _remembered is None:
        raise RuntimeError("putOnRemembered: no rememberQueue ran in this process")
    _remembered.put(item)


def scaled(x: float, scale: float = 1, offset: float = 0) -> float:
    return x * scale + offset


def returnUnsendable(_ignored: Any = None) -> Any:
    return lambda: 1  # pickle cannot send a lambda back to the parent


# A lambda: pickle looks it up by module and name ("<lambda>") and cannot find it, so no worker can be sent it.
unregistered = lambda x: x  # noqa: E731


def writeScaled(path: str, x: float, scale: float = 1, offset: float = 0) -> None:
    _write(path, json.dumps(x * scale + offset))


def writeParent(path: str) -> None:
    parent = multiprocessing.parent_process()
    _write(path, json.dumps(None if parent is None else {"name": parent.name, "pid": parent.pid,
                                                          "alive": parent.is_alive()}))


def writePidThenDone(path: str, ms: float) -> None:
    _write(path, str(os.getpid()))
    time.sleep(ms / 1000)
    _write(path + ".done", "done")


def _written(path: str) -> bool:
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False


def endProgram(directory: str, how: str, ms: float, daemonicMs: float | None = None) -> None:
    daemonic_ms = 3 * ms if daemonicMs is None else daemonicMs
    daemonic = multiprocessing.Process(target=writePidThenDone, args=(os.path.join(directory, "daemonic"), daemonic_ms),
                                       daemon=True)
    non_daemonic = multiprocessing.Process(target=writePidThenDone, args=(os.path.join(directory, "non-daemonic"), ms),
                                           daemon=False)
    daemonic.start()
    non_daemonic.start()
    deadline = time.monotonic() + 30
    # Written, not only created: _write opens (an empty file) before it writes, and a daemonic child terminated
    # in between would leave the rule an empty file for ever (seen once under a load average of 29).
    while not all(_written(os.path.join(directory, name)) for name in ("daemonic", "non-daemonic")) \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    if how == "exit":
        os._exit(0)  # At once: no atexit, no terminating or joining the children.
    if how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(10)
    # "return": multiprocessing's exit function terminates the daemonic child and joins the other.


def sleepWithFinally(path: str, ms: float) -> None:
    _write(path, json.dumps("ready"))
    try:
        time.sleep(ms / 1000)
    finally:
        _write(path + ".finally", json.dumps("finally"))


def leaveWorkRunning(path: str, ms: float) -> None:
    def work() -> None:
        time.sleep(ms / 1000)
        _write(path, json.dumps("done"))

    threading.Thread(target=work, daemon=False).start()


def workerParent(_ignored: Any = None) -> dict[str, Any] | None:
    parent = multiprocessing.parent_process()
    return None if parent is None else {"name": parent.name, "pid": parent.pid}


def writeNewDaemonFlag(path: str) -> None:
    _write(path, json.dumps(multiprocessing.Process(target=noop).daemon))


def watchParentDeath(directory: str) -> None:
    multiprocessing.Process(target=reportParentLiveness, args=(directory,), daemon=False).start()
    time.sleep(300)


def reportParentLiveness(directory: str) -> None:
    parent = multiprocessing.parent_process()

    def liveness() -> str:
        return "alive" if parent is not None and parent.is_alive() else "not alive"

    _write(os.path.join(directory, "pid"), str(os.getpid()))
    _write(os.path.join(directory, "first"), json.dumps(liveness()))
    deadline = time.monotonic() + 30
    while parent is not None and parent.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    _write(os.path.join(directory, "then"), json.dumps(liveness()))
