"""Hooks on the event loops a thread runs: what virtual time and strict mode attach to a whole test.

A *watcher* registers for its thread.  While any watcher is registered,
asyncio's ``BaseEventLoop.run_forever`` and ``close``, ``asyncio.all_tasks``
and trio's ``trio.run`` and ``trio.lowlevel.start_guest_run`` are wrapped,
and the thread's watchers hear of each loop before it runs (``loop_runs``),
of each loop about to close (``loop_closes``), of each listing of a loop's
tasks while it is stopped, as loop owners do to cancel what is left
(``tasks_listed``), and of each trio run before it starts (``trio_starts``,
which may give it a clock).  Runners start loops in many ways
(``asyncio.run``, ``asyncio.Runner``, pytest-asyncio, anyio,
``IsolatedAsyncioTestCase``, pytest-trio); all of them pass through these.
Everything is put back when the last watcher leaves; other threads are left
alone.
"""
import sys
import threading
from typing import Any, Callable, Dict, List, Tuple

__all__ = ["Watcher", "unwatch", "watch", "watchers"]

_LOCK = threading.Lock()
#: The watchers of each thread that has some, by thread ident, oldest first.
_WATCHERS = {}  # type: Dict[int, List[Any]]
#: What was wrapped: (owner, attribute name, the original).
_WRAPPED = []  # type: List[Tuple[Any, str, Any]]


class Watcher:
    """What a watcher may override; each does nothing here."""

    def loop_runs(self, loop: Any) -> None:
        """*loop* is about to run (``run_forever``, and so ``run_until_complete``)."""

    def loop_closes(self, loop: Any) -> None:
        """*loop* is about to close."""

    def tasks_listed(self, loop: Any) -> None:
        """The tasks of the stopped *loop* are being listed: its owner is cleaning up."""

    def trio_starts(self, kwargs: "Dict[str, Any]") -> None:
        """A trio run is about to start with these keyword arguments (``clock`` among them)."""


def watchers() -> "List[Any]":
    """The current thread's watchers (a copy)."""
    return list(_WATCHERS.get(threading.get_ident(), ()))


def watch(watcher: Any) -> None:
    """Let *watcher* hear of the current thread's loops until :func:`unwatch`."""
    with _LOCK:
        if not _WATCHERS:
            _wrap_runners()
        _WATCHERS.setdefault(threading.get_ident(), []).append(watcher)


def unwatch(watcher: Any) -> None:
    """Stop telling *watcher*; put everything back once no thread has a watcher."""
    with _LOCK:
        thread = threading.get_ident()
        mine = [known for known in _WATCHERS.get(thread, []) if known is not watcher]
        _WATCHERS[thread] = mine
        if not mine:
            _WATCHERS.pop(thread, None)
        if not _WATCHERS:
            _unwrap_runners()


def _tell(event: str, *args: Any) -> None:
    for watcher in watchers():
        getattr(watcher, event)(*args)


def _wrap(owner: Any, name: str, make: "Callable[[Any], Any]") -> None:
    original = getattr(owner, name)
    _WRAPPED.append((owner, name, original))
    setattr(owner, name, make(original))


def _wrap_runners() -> None:
    import asyncio.base_events
    import asyncio.tasks

    def wrap_method(event: str) -> "Callable[[Any], Any]":
        def make(original: Any) -> Any:
            def method(self: Any) -> Any:
                _tell(event, self)
                return original(self)

            method.__name__ = getattr(original, "__name__", event)
            return method

        return make

    base = asyncio.base_events.BaseEventLoop
    _wrap(base, "run_forever", wrap_method("loop_runs"))
    _wrap(base, "close", wrap_method("loop_closes"))

    def wrap_all_tasks(original: Any) -> Any:
        def all_tasks(loop: Any = None) -> Any:
            if loop is not None and not loop.is_running():
                _tell("tasks_listed", loop)
            return original(loop)

        return all_tasks

    if hasattr(asyncio.tasks, "all_tasks"):  # 3.7+; 3.6's is a method of the C Task class
        _wrap(asyncio.tasks, "all_tasks", wrap_all_tasks)
        _wrap(asyncio, "all_tasks", wrap_all_tasks)
    trio = sys.modules.get("trio")
    if trio is not None:

        def with_watchers(original: Any) -> Any:
            def start(*args: Any, **kwargs: Any) -> Any:
                _tell("trio_starts", kwargs)
                return original(*args, **kwargs)

            return start

        _wrap(trio, "run", with_watchers)
        _wrap(trio.lowlevel, "start_guest_run", with_watchers)


def _unwrap_runners() -> None:
    while _WRAPPED:
        owner, name, original = _WRAPPED.pop()
        setattr(owner, name, original)
