"""Drives CPython's real multiprocessing for the conformance suite (see index.ts next to this file).

Protocol: one JSON request per line on stdin, {"id": n, "op": "...", ...}; one JSON line per request on the
protocol channel (the original stdout), {"id": n, "ok": true, "value": ...} or
{"id": n, "ok": false, "error": {"type": "AssertionError", "message": "..."}}.
Requests run one after another in the main thread, so a join() blocks the driver: a session serves one rule.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import sys
import threading
from typing import Any, Callable

import tasks

# Children inherit fd 1 across fork: anything they print would corrupt the protocol. Keep the protocol on a
# private dup of the original stdout and point fd 1 at stderr before any child exists.
PROTOCOL_FD = os.dup(1)
os.dup2(2, 1)
# A forked child must not hold the protocol pipe open (nor ever write to it).
os.register_at_fork(after_in_child=lambda: os.close(PROTOCOL_FD))

# Linux's default start method, made explicit (3.14 changes the default). The default context rather than
# get_context("fork"), whose ForkProcess class would name children "ForkProcess-1" instead of "Process-1".
multiprocessing.set_start_method("fork")

_handles: dict[int, multiprocessing.Process] = {}
_requests: queue.Queue[bytes] = queue.Queue()


def _send(message: dict[str, Any]) -> None:
    data = (json.dumps(message) + "\n").encode()
    while data:
        data = data[os.write(PROTOCOL_FD, data) :]


def _shutdown() -> None:
    """stdin closed: the session is over, even if the main thread is stuck in join()."""
    children = multiprocessing.active_children()
    for child in children:
        try:
            child.kill()
        except Exception:
            pass  # It ended (or was closed) meanwhile.
    for child in children:
        try:
            child.join(1)  # Reap, so a killed child does not linger as a zombie handed to init.
        except Exception:
            pass
    os._exit(0)


def _read_stdin() -> None:
    # os.read on fd 0 rather than sys.stdin: a fork while this thread held sys.stdin's buffer lock would leave
    # the child deadlocked when multiprocessing closes sys.stdin in it.
    pending = b""
    while chunk := os.read(0, 65536):
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            if line.strip():
                _requests.put(line)
    _shutdown()


def _create(target: str, args: list[Any] | None = None, name: str | None = None,
            daemon: bool | None = None) -> int:
    function = getattr(tasks, target, None)
    if not callable(function) or target.startswith("_"):
        raise LookupError(f"tasks.py has no task {target!r}")
    process = multiprocessing.Process(target=function, args=tuple(args or ()), name=name, daemon=daemon)
    handle = len(_handles) + 1
    _handles[handle] = process
    return handle


def _join(process: multiprocessing.Process, timeout: float | None = None) -> None:
    process.join(None if timeout is None else timeout / 1000)  # The suite speaks milliseconds.


def _set_daemon(process: multiprocessing.Process, value: bool) -> None:
    process.daemon = value


def _current_process() -> dict[str, Any]:
    me = multiprocessing.current_process()
    return {"name": me.name, "pid": me.pid, "daemon": me.daemon}


def _hello() -> dict[str, Any]:
    return {"version": sys.version.split()[0], "pid": os.getpid(), "executable": sys.executable,
            "startMethod": multiprocessing.get_start_method()}


# Ops on a process take {"handle": n} and call the Process method or property of the same meaning.
PROCESS_OPS: dict[str, Callable[..., Any]] = {
    "start": lambda p: p.start(),
    "join": _join,
    "is_alive": lambda p: p.is_alive(),
    "terminate": lambda p: p.terminate(),
    "kill": lambda p: p.kill(),
    "close": lambda p: p.close(),
    "pid": lambda p: p.pid,
    "exitcode": lambda p: p.exitcode,
    "name": lambda p: p.name,
    "daemon": lambda p: p.daemon,
    "set_daemon": _set_daemon,
}
SESSION_OPS: dict[str, Callable[..., Any]] = {
    "hello": _hello,
    "create": _create,
    "current_process": _current_process,
    "cpu_count": multiprocessing.cpu_count,
}


def _run(request: dict[str, Any]) -> Any:
    op = request.pop("op")
    request.pop("id", None)
    if op in PROCESS_OPS:
        handle = request.pop("handle")
        if handle not in _handles:
            raise LookupError(f"no process handle {handle}")
        return PROCESS_OPS[op](_handles[handle], **request)
    if op in SESSION_OPS:
        return SESSION_OPS[op](**request)
    raise LookupError(f"unknown op {op!r}")


def main() -> None:
    threading.Thread(target=_read_stdin, name="stdin-watcher", daemon=True).start()
    while True:
        line = _requests.get()
        id_: Any = None
        try:
            request = json.loads(line)
            id_ = request.get("id")
            _send({"id": id_, "ok": True, "value": _run(request)})
        except Exception as error:
            # Python's own type and wording: rules match them.
            _send({"id": id_, "ok": False, "error": {"type": type(error).__name__, "message": str(error)}})


if __name__ == "__main__":
    main()
