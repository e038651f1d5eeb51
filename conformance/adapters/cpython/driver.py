"""Drives CPython's real multiprocessing for the conformance suite (see index.ts next to this file).

Protocol: one JSON request per line on stdin, {"id": n, "op": "...", ...}; one JSON line per request on the
protocol channel (the original stdout), {"id": n, "ok": true, "value": ...} or
{"id": n, "ok": false, "error": {"type": "AssertionError", "message": "..."}}.
Requests run one after another in the main thread, so a join() blocks the driver: a session serves one rule.
Usage: python3 driver.py [fork|spawn|forkserver] (the start method of everything it makes; default fork).

Queues: queue_create returns a handle; an argument {"@multiproc/queue": n} (at any depth of lists and dicts) in
create's args, pool_create's initargs and the pool ops' items/args stands for that multiprocessing.Queue. Process
children and pool workers inherit it (forked, or pickled while spawning); a pool task's arguments are pickled, and CPython refuses a Queue there
(RuntimeError: "Queue objects should only be shared between processes through inheritance"), as a rule shows.
A blocking queue_get or queue_put holds the driver like a join() does: rules give them a timeout.

Pools: Python's Pool.map/apply/AsyncResult.get wait for ever when a worker dies mid-task (its task is lost).
Such a request never answers; the harness times the rule out and closes the session, which ends the driver
(stdin EOF, then SIGKILL to its process group, which holds every pool worker too).
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.pool
import multiprocessing.util
import os
import queue
import shutil
import sys
import tempfile
import threading
from typing import Any, Callable

import tasks

START_METHODS = ("fork", "spawn", "forkserver")
# The protocol channel: a private dup of the original stdout, made by main(). Under spawn and forkserver every child
# imports this file as __mp_main__, so nothing at module level may touch descriptors or the start method.
PROTOCOL_FD = -1
# The environment variable through which the adapter names the session's semaphores (index.ts SEMPREFIX_ENV).
SEMPREFIX_ENV = "MULTIPROC_CPYTHON_SEMPREFIX"


def _setup(start_method: str) -> None:
    """Runs once, in the driver only. Children inherit fd 1 (across fork, and across spawn's and the forkserver's
    exec): anything they print would corrupt the protocol. Keep the protocol on a private dup of the original stdout
    (os.dup makes it non-inheritable, so exec'd children never hold it) and point fd 1 at stderr before any child
    exists; a forked child closes its copy at once."""
    global PROTOCOL_FD
    PROTOCOL_FD = os.dup(1)
    os.dup2(2, 1)
    os.register_at_fork(after_in_child=lambda: os.close(PROTOCOL_FD))
    # Named semaphores (spawn and forkserver name them in /dev/shm; fork unlinks them at once) carry the session's
    # prefix, which the adapter gives: children copy it from their parent's process object, so after the session
    # the adapter can unlink what a killed process left (leftovers.ts). Python's default is /mp.
    prefix = os.environ.get(SEMPREFIX_ENV)
    if prefix:
        multiprocessing.current_process()._config["semprefix"] = prefix
    # The default context's start method rather than get_context(method): the start method reaches every Process,
    # Pool and Queue the driver makes, and every one tasks.py makes in a child (spawn and forkserver children are
    # told the parent's method), while children keep the default context's names ("Process-1"): a
    # get_context(method).Process is named "ForkProcess-1", "SpawnProcess-1", "ForkServerProcess-1". Pool workers
    # take the method's name whichever way ("ForkPoolWorker-1", "SpawnPoolWorker-1", "ForkServerPoolWorker-1").
    # Explicit even for fork, Linux's default until 3.14 (forkserver since).
    multiprocessing.set_start_method(start_method)


_handles: dict[int, multiprocessing.Process] = {}
_pools: dict[int, multiprocessing.pool.Pool] = {}
_queues: dict[int, Any] = {}
_requests: queue.Queue[bytes] = queue.Queue()


def _send(message: dict[str, Any]) -> None:
    data = (json.dumps(message) + "\n").encode()
    while data:
        data = data[os.write(PROTOCOL_FD, data) :]


def _kill_children() -> list[multiprocessing.process.BaseProcess]:
    # Pool workers are children too: active_children() lists them with the Processes.
    children = multiprocessing.active_children()
    for child in children:
        try:
            child.kill()
        except Exception:
            pass  # It ended (or was closed) meanwhile.
    return children


def _terminate_pools() -> None:
    for pool in list(_pools.values()):
        try:
            pool.terminate()
        except Exception:
            pass


def _run_exit_finalizers() -> None:
    """What a normal exit runs and os._exit skips: multiprocessing's finalizers unlink the named semaphores of the
    driver's Queues and Pools (under spawn and forkserver; left in /dev/shm otherwise, for ever) and remove its
    pymp-* temp dir. A Queue's finalizer joins its feeder thread, which waits for ever on a pipe nobody reads:
    cancel_join_thread() first (the session is over, its items do not matter)."""
    for queue_ in list(_queues.values()):
        try:
            queue_.cancel_join_thread()
        except Exception:
            pass
    multiprocessing.util._run_finalizers(0)  # Pools (15), Queues (10), then semaphores (0).
    multiprocessing.util._run_finalizers()  # The rest, the temp dir last (-100).


def _shutdown() -> None:
    """stdin closed: the session is over, even if the main thread is stuck in join(), map() or get()."""
    _kill_children()
    # Pool.terminate() stops the pools' handler threads, so that none starts a replacement worker. It can block
    # for ever (a worker killed while holding the task queue's lock), hence a thread of its own and a bound.
    terminating = threading.Thread(target=_terminate_pools, name="pool-terminator", daemon=True)
    terminating.start()
    terminating.join(1)
    for child in _kill_children():  # Replacements started before the pools stopped.
        try:
            child.join(1)  # Reap, so a killed child does not linger as a zombie handed to init.
        except Exception:
            pass
    for directory in _stderr_dir:
        shutil.rmtree(directory, ignore_errors=True)
    # A finalizer may block too (a lock a killed child held): bounded like the pools' terminate().
    finalizing = threading.Thread(target=_run_exit_finalizers, name="exit-finalizers", daemon=True)
    finalizing.start()
    finalizing.join(1)
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


def _task(name: str) -> Callable[..., Any]:
    function = getattr(tasks, name, None)
    if not callable(function) or name.startswith("_"):
        raise LookupError(f"tasks.py has no task {name!r}")
    return function


_stderr_files: dict[int, str] = {}
_stderr_dir: list[str] = []


def _stderr_path(handle: int) -> str:
    if not _stderr_dir:
        _stderr_dir.append(tempfile.mkdtemp(prefix="multiproc-driver-stderr-"))
    return os.path.join(_stderr_dir[0], f"{handle}.txt")


def _with_stderr_to(path: str, target: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Runs in the child: fd 2 goes to `path` before the target runs, so everything the child prints there
    (its traceback, a SystemExit message) lands in the file. The Process keeps its name."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    return target(*args, **kwargs)


def _create(target: str, args: list[Any] | None = None, name: str | None = None,
            daemon: bool | None = None, kwargs: dict[str, Any] | None = None, captureStderr: bool = False) -> int:
    handle = len(_handles) + 1
    function, positional = (None if target is None else _task(target)), tuple(args or ())
    if captureStderr:
        _stderr_files[handle] = _stderr_path(handle)
        function, positional = _with_stderr_to, (_stderr_files[handle], function, *positional)
    process = multiprocessing.Process(target=function, args=positional, kwargs=kwargs or {}, name=name, daemon=daemon)
    _handles[handle] = process
    return handle


def _stderr(handle: int) -> str:
    path = _stderr_files.get(handle)
    if path is None:
        raise ValueError("stderr(): create the process with captureStderr: true")
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return file.read()
    except FileNotFoundError:
        return ""  # Not started yet, or nothing redirected yet.


def _join(process: multiprocessing.Process, timeout: float | None = None) -> None:
    process.join(None if timeout is None else timeout / 1000)  # The suite speaks milliseconds.


def _set_daemon(process: multiprocessing.Process, value: bool) -> None:
    process.daemon = value


def _set_name(process: multiprocessing.Process, value: Any) -> None:
    process.name = value  # AssertionError("name must be a string") for anything else.


def _current_process() -> dict[str, Any]:
    me = multiprocessing.current_process()
    return {"name": me.name, "pid": me.pid, "daemon": me.daemon}


def _parent_process() -> dict[str, Any] | None:
    parent = multiprocessing.parent_process()
    return None if parent is None else {"name": parent.name, "pid": parent.pid}


def _active_children() -> list[dict[str, Any]]:
    # Only the session's Processes, as the contract asks: pool workers are active children too in Python.
    mine = set(_handles.values())
    return [{"name": child.name, "pid": child.pid, "daemon": child.daemon}
            for child in multiprocessing.active_children() if child in mine]


def _hello() -> dict[str, Any]:
    return {"version": sys.version.split()[0], "pid": os.getpid(), "executable": sys.executable,
            "startMethod": multiprocessing.get_start_method()}


def _seconds(ms: float | None) -> float | None:
    return None if ms is None else ms / 1000  # The suite speaks milliseconds.


def _describe(error: BaseException) -> dict[str, str]:
    return {"name": type(error).__name__, "message": str(error)}


def _pool_create(processes: int | None = None, initializer: str | None = None, initargs: list[Any] | None = None,
                 maxtasksperchild: int | None = None) -> int:
    # multiprocessing.Pool: the default context, whose start method the driver set.
    pool = multiprocessing.Pool(processes=processes, initializer=None if initializer is None else _task(initializer),
                                initargs=tuple(initargs or ()), maxtasksperchild=maxtasksperchild)
    handle = len(_pools) + 1
    _pools[handle] = pool
    return handle


class _Submitted:
    """An AsyncResult and what its callback and error_callback received (they run in the pool's result thread)."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.errors: list[dict[str, str]] = []
        self.result: multiprocessing.pool.AsyncResult | None = None

    def callbacks(self) -> dict[str, Any]:
        return {"values": list(self.values), "errors": list(self.errors)}


_results: dict[int, _Submitted] = {}


def _submit(start: Callable[..., multiprocessing.pool.AsyncResult], *args: Any, throwing: bool = False) -> int:
    submitted = _Submitted()

    def callback(value: Any) -> None:
        submitted.values.append(value)
        if throwing:
            raise RuntimeError("callback failed on purpose")

    def error_callback(error: BaseException) -> None:
        submitted.errors.append(_describe(error))
        if throwing:
            raise RuntimeError("callback failed on purpose")

    submitted.result = start(*args, callback=callback, error_callback=error_callback)
    handle = len(_results) + 1
    _results[handle] = submitted
    return handle


def _star(arg_lists: list[list[Any]]) -> list[tuple[Any, ...]]:
    return [tuple(args) for args in arg_lists]


def _iterate(iterator: Any) -> dict[str, Any]:
    """Collects what an imap iterator yields, stopping at the first exception it raises."""
    values: list[Any] = []
    try:
        for value in iterator:
            values.append(value)
    except Exception as error:
        return {"values": values, "error": _describe(error)}
    return {"values": values}


def _imap(pool: multiprocessing.pool.Pool, task: str, items: list[Any], chunksize: int | None = None,
          ordered: bool = True) -> dict[str, Any]:
    start = pool.imap if ordered else pool.imap_unordered
    # The call itself raises on misuse (closed pool, chunksize 0): a rejection, not part of the iteration.
    return _iterate(start(_task(task), items, 1 if chunksize is None else chunksize))


def _input(described: Any) -> Any:
    """The iterable a PoolInput describes (see conformance/harness/implementation.ts)."""
    if isinstance(described, list):
        return described
    if "generator" in described:
        return (item for item in described["generator"])
    if "range" in described:
        return range(*described["range"])
    if "failingAfter" in described:
        def failing(items: list[Any], count: int) -> Any:
            yield from items[:count]
            raise ValueError(f"input failed after {count} items")
        return failing(described["items"], described["failingAfter"])
    raise TypeError(f"Python's Pool takes no such input: {sorted(described)} (an async iterable has no counterpart)")


def _with_input(pool: multiprocessing.pool.Pool, method: str, task: str, input: Any, chunksize: int | None = None) -> Any:
    items, function = _input(input), _task(task)
    if method == "map":
        return pool.map(function, items, chunksize)
    if method == "starmap":
        return pool.starmap(function, items, chunksize)
    if method == "mapAsync":
        return _submit(pool.map_async, function, items, chunksize)
    if method == "starmapAsync":
        return _submit(pool.starmap_async, function, items, chunksize)
    if method in ("imap", "imapUnordered"):
        start = pool.imap if method == "imap" else pool.imap_unordered
        return _iterate(start(function, items, 1 if chunksize is None else chunksize))
    raise LookupError(f"unknown input method {method!r}")


_iterators: dict[int, Any] = {}


def _imap_iterator(pool: multiprocessing.pool.Pool, task: str, input: Any, chunksize: int | None = None,
                   ordered: bool = True) -> int:
    start = pool.imap if ordered else pool.imap_unordered
    iterator = start(_task(task), _input(input), 1 if chunksize is None else chunksize)
    handle = len(_iterators) + 1
    _iterators[handle] = iterator
    return handle


def _imap_next(iterator: Any, timeout: float | None = None) -> dict[str, Any]:
    try:
        return {"done": False, "value": iterator.next(_seconds(timeout))}
    except StopIteration:
        return {"done": True}


def _scope(pool: multiprocessing.pool.Pool) -> dict[str, Any]:
    entered = pool.__enter__()
    return {"enteredIsPool": entered is pool}


# Ops on a pool take {"pool": n} and call the Pool method of the same meaning; *_async return a result handle.
POOL_OPS: dict[str, Callable[..., Any]] = {
    "pool_map": lambda p, task, items, chunksize=None: p.map(_task(task), items, chunksize),
    "pool_starmap": lambda p, task, items, chunksize=None: p.starmap(_task(task), _star(items), chunksize),
    "pool_apply": lambda p, task, args, kwds=None: p.apply(_task(task), tuple(args), kwds or {}),
    "pool_apply_async": lambda p, task, args, callbacksThrow=False, kwds=None: _submit(
        p.apply_async, _task(task), tuple(args), kwds or {}, throwing=callbacksThrow),
    "pool_with_input": _with_input,
    "pool_imap_iterator": _imap_iterator,
    "pool_scope": _scope,
    "pool_scope_leave": lambda p: p.__exit__(None, None, None),
    "pool_map_async": lambda p, task, items, chunksize=None: _submit(p.map_async, _task(task), items, chunksize),
    "pool_starmap_async": lambda p, task, items, chunksize=None: _submit(p.starmap_async, _task(task), _star(items),
                                                                         chunksize),
    "pool_imap": lambda p, task, items, chunksize=None: _imap(p, task, items, chunksize, True),
    "pool_imap_unordered": lambda p, task, items, chunksize=None: _imap(p, task, items, chunksize, False),
    "pool_close": lambda p: p.close(),
    "pool_terminate": lambda p: p.terminate(),
    "pool_join": lambda p: p.join(),
}
# Ops on an AsyncResult take {"result": n}.
RESULT_OPS: dict[str, Callable[..., Any]] = {
    # multiprocessing.TimeoutError is named TimeoutError: the rejection's name is that.
    "ar_get": lambda r, timeout=None: r.result.get(_seconds(timeout)),
    "ar_wait": lambda r, timeout=None: r.result.wait(_seconds(timeout)),
    "ar_ready": lambda r: r.result.ready(),
    "ar_successful": lambda r: r.result.successful(),  # ValueError("<…> not ready") before it is ready.
    "ar_callbacks": lambda r: r.callbacks(),
}
# Ops on an imap iterator take {"iterator": n}.
ITERATOR_OPS: dict[str, Callable[..., Any]] = {
    "imap_next": _imap_next,  # multiprocessing.TimeoutError is named TimeoutError.
    "imap_close": lambda i: None,
}
UNSENDABLE_MARK = "@multiproc/unsendable"


def _with_unsendables(value: Any) -> Any:
    """`value` with each {"@multiproc/unsendable": true} replaced by a lambda, which pickle cannot send."""
    if isinstance(value, dict):
        if value.get(UNSENDABLE_MARK) is True:
            return lambda: 1
        return {key: _with_unsendables(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_unsendables(item) for item in value]
    return value

QUEUE_MARK = "@multiproc/queue"


def _with_queues(value: Any) -> Any:
    """`value` with each {"@multiproc/queue": n} replaced by queue n, in lists and dicts at any depth."""
    if isinstance(value, dict):
        if len(value) == 1 and QUEUE_MARK in value:
            handle = value[QUEUE_MARK]
            if handle not in _queues:
                raise LookupError(f"no queue handle {handle}")
            return _queues[handle]
        return {key: _with_queues(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_queues(item) for item in value]
    return value


def _queue_create(maxsize: int | None = None) -> int:
    # multiprocessing.Queue: the default context, whose start method the driver set. maxsize <= 0 is unbounded.
    queue_ = multiprocessing.Queue(0 if maxsize is None else maxsize)
    handle = len(_queues) + 1
    _queues[handle] = queue_
    return handle


# Ops on a queue take {"queue": n} and call the Queue method of the same meaning; queue.Empty and queue.Full
# reach the suite by their class names, "Empty" and "Full". Timeouts come in milliseconds.
QUEUE_OPS: dict[str, Callable[..., Any]] = {
    "queue_put": lambda q, item, block=True, timeout=None: q.put(_with_unsendables(item), block,
                                                                  _seconds(timeout)),
    "queue_get": lambda q, block=True, timeout=None: q.get(block, _seconds(timeout)),
    "queue_put_nowait": lambda q, item: q.put_nowait(_with_unsendables(item)),
    "queue_get_nowait": lambda q: q.get_nowait(),
    "queue_qsize": lambda q: q.qsize(),
    "queue_empty": lambda q: q.empty(),
    "queue_full": lambda q: q.full(),
    "queue_close": lambda q: q.close(),
}


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
    "set_name": _set_name,
}
# Ops that take the handle number itself rather than its Process.
HANDLE_OPS: dict[str, Callable[..., Any]] = {
    "stderr": _stderr,
}
SESSION_OPS: dict[str, Callable[..., Any]] = {
    "hello": _hello,
    "create": _create,
    "current_process": _current_process,
    "parent_process": _parent_process,
    "active_children": _active_children,
    "cpu_count": multiprocessing.cpu_count,
    "pool_create": _pool_create,
    "queue_create": _queue_create,
}


def _run(request: dict[str, Any]) -> Any:
    op = request.pop("op")
    request.pop("id", None)
    # Arguments that cross to another process may name queues; a queue item stays data.
    for key in ("args", "kwargs", "items", "initargs"):
        if key in request:
            request[key] = _with_queues(request[key])
    # ...and may hold values that cannot be sent (the contract's UNSENDABLE stand-in).
    for key in ("args", "kwargs", "items", "kwds", "input", "initargs"):
        if key in request:
            request[key] = _with_unsendables(request[key])
    if op in QUEUE_OPS:
        handle = request.pop("queue")
        if handle not in _queues:
            raise LookupError(f"no queue handle {handle}")
        return QUEUE_OPS[op](_queues[handle], **request)
    if op in HANDLE_OPS:
        handle = request.pop("handle")
        if handle not in _handles:
            raise LookupError(f"no process handle {handle}")
        return HANDLE_OPS[op](handle, **request)
    if op in PROCESS_OPS:
        handle = request.pop("handle")
        if handle not in _handles:
            raise LookupError(f"no process handle {handle}")
        return PROCESS_OPS[op](_handles[handle], **request)
    if op in POOL_OPS:
        handle = request.pop("pool")
        if handle not in _pools:
            raise LookupError(f"no pool handle {handle}")
        return POOL_OPS[op](_pools[handle], **request)
    if op in RESULT_OPS:
        handle = request.pop("result")
        if handle not in _results:
            raise LookupError(f"no async result handle {handle}")
        return RESULT_OPS[op](_results[handle], **request)
    if op in ITERATOR_OPS:
        handle = request.pop("iterator")
        if handle not in _iterators:
            raise LookupError(f"no imap iterator handle {handle}")
        return ITERATOR_OPS[op](_iterators[handle], **request)
    if op in SESSION_OPS:
        return SESSION_OPS[op](**request)
    raise LookupError(f"unknown op {op!r}")


def main() -> None:
    start_method = sys.argv[1] if len(sys.argv) > 1 else "fork"
    if start_method not in START_METHODS:
        sys.exit(f"driver.py: unknown start method {start_method!r} (one of {', '.join(START_METHODS)})")
    _setup(start_method)
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
            described = {"type": type(error).__name__, "message": str(error)}
            # A task's exception re-raised by the pool has the worker's traceback as its cause.
            if isinstance(error.__cause__, multiprocessing.pool.RemoteTraceback):
                described["remoteTraceback"] = str(error.__cause__)
            _send({"id": id_, "ok": False, "error": described})


if __name__ == "__main__":
    main()
