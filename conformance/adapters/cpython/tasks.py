"""The task catalog (see conformance/harness/implementation.ts TASKS) for CPython's multiprocessing.

Same behaviour as conformance/adapters/reference/tasks.ts. Every task is a module-level function so that it
stays picklable under any start method, although the driver forks.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time
from typing import Any


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def noop() -> None:
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


def getPid() -> int:
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


def ignoreTerminate(path: str) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _write(path, "ready")
    time.sleep(30)


def writeThenSleep(path: str, text: str, ms: float) -> None:
    _write(path, text)
    time.sleep(ms / 1000)
