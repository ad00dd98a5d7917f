"""Strict mode's hygiene checks: coroutines never awaited, tasks left running, lost exceptions, loop errors.

A :class:`Gate` watches one test, from its set-up to the end of its
tear-down, and says what it found, each finding with where it comes from
and the usual fix:

- ``coroutines``: a coroutine of any ``async def`` freed without being
  awaited or closed.  Python tells of it when it frees one: CPython 3.7+
  through ``warnings._warn_unawaited_coroutine`` (with where it was created,
  from the origin tracking switched on for the test), 3.6 and PyPy through
  their RuntimeWarning.  The young garbage (all of it on PyPy, which frees
  nothing sooner) is collected before the test, so that what earlier tests
  dropped is not blamed on it, and after, so that what it dropped is told in
  it.  A coroutine kept alive past its test is told when it is freed.
- ``tasks``: a task created during the test that was still pending when the
  loop's owner cleaned up (listed the tasks of its stopped loop to cancel
  them, or closed it; on 3.6, cancelled one while the loop was stopped).  A loop that outlives the test (a wider loop scope) is
  not cleaned up by it, and its tasks are not judged: a wider fixture may own
  them.
- ``task-exceptions``: a task created during the test that ended with an
  exception nobody retrieved.
- ``loop-errors``: anything passed to a loop's exception handler during the
  test (an exception in a callback, say).
"""
import gc
import inspect
import re
import sys
import threading
import warnings
from typing import Any, Callable, Dict, FrozenSet, List, NamedTuple, Optional, Set, Tuple, cast

from ._compat import ASYNCIO_ALL_TASKS_FUNCTION, FREES_ON_LAST_REFERENCE, HOOKS_UNAWAITED_COROUTINES
from ._loop_runs import Watcher, unwatch, watch

__all__ = ["CHECKS", "Finding", "Gate", "parse_checks"]

#: Every check, in the order reports list them.
CHECKS = ("calls", "typos", "coroutines", "tasks", "task-exceptions", "loop-errors")
#: Where a frame is not the user's: creation sites skip these.
_MACHINERY = re.compile(
    r"[/\\](asyncio|asyncmock|_pytest|pluggy|pytest_asyncio|anyio|trio|unittest|concurrent)[/\\]"
)
#: Where a test runner's own tasks come from (unittest's and asyncmock's test
#: cases, pytest-asyncio, anyio): they live as long as the loop, by design.
_RUNNERS = re.compile(r"[/\\](unittest|asyncmock|pytest_asyncio|anyio|_pytest)[/\\]")
_NEVER_AWAITED = re.compile(r"coroutine '(.*)' was never awaited")
_LOST = ("Task exception was never retrieved", "Future exception was never retrieved")
_ON = ("true", "yes", "on", "1", "all")
_OFF = ("false", "no", "off", "0")


class Finding(NamedTuple):
    """One problem: which check found it, what it is, where it comes from, and the usual fix."""

    check: str
    what: str
    site: str
    fix: str

    def render(self) -> str:
        where = "from" if self.check == "loop-errors" else "created at"
        return "- [%s] %s\n  %s %s\n  Fix: %s" % (self.check, self.what, where, self.site, self.fix)


def parse_checks(text: str) -> "Tuple[FrozenSet[str], bool]":
    """The checks *text* names (``true``: all, ``false``: none, or a comma list) and whether ``warn`` is in it.

    Raises:
        ValueError: a name that is not a check, naming the valid ones.
    """
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    if not words:
        return frozenset(), False  # not set: strict mode is off
    warn = "warn" in words
    words = [word for word in words if word != "warn"]
    if all(word in _ON for word in words):
        return frozenset(CHECKS), warn
    if all(word in _OFF for word in words):
        return frozenset(), warn
    unknown = [word for word in words if word not in CHECKS]
    if unknown:
        raise ValueError(
            "unknown strict-mode check %r; the checks are: %s (or true, false, warn)"
            % (unknown[0], ", ".join(CHECKS))
        )
    return frozenset(words), warn


def _user_site(frames: "List[Tuple[str, int, str]]") -> str:
    """``file:line in function`` of the first of *frames* (innermost first) outside the machinery."""
    for filename, lineno, function in frames:
        if not _MACHINERY.search(filename):
            return "%s:%d in %s" % (filename, lineno, function)
    if frames:
        filename, lineno, function = frames[0]
        return "%s:%d in %s" % (filename, lineno, function)
    return "an unknown place"


def _caller_frames() -> "List[Tuple[str, int, str]]":
    frames = []  # type: List[Tuple[str, int, str]]
    frame = sys._getframe(2)  # type: Any
    while frame is not None and len(frames) < 40:
        frames.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
        frame = frame.f_back
    return frames


def _waiting_on(task: Any) -> str:
    """Where a pending task is suspended: the deepest frame of the user's along its awaits."""
    coro = task.get_coro() if hasattr(task, "get_coro") else getattr(task, "_coro", None)
    if (inspect.iscoroutine(coro) and inspect.getcoroutinestate(coro) == inspect.CORO_CREATED) or (
        inspect.isgenerator(coro) and inspect.getgeneratorstate(coro) == inspect.GEN_CREATED  # 3.6's sleep
    ):
        return "not started yet"
    frames = []  # type: List[Tuple[str, int, str]]
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            break
        frames.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    where = _user_site(frames[::-1])
    innermost = frames[-1][2]
    return "waiting at %s%s" % (where, "" if where.endswith(" in " + innermost) else " (in %s)" % innermost)


def _code_file(task: Any) -> str:
    """The file of the code a task runs."""
    coro = task.get_coro() if hasattr(task, "get_coro") else getattr(task, "_coro", None)
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    return code.co_filename if code is not None else ""


def _task_name(task: Any) -> str:
    getter = getattr(task, "get_name", None)
    coro = task.get_coro() if hasattr(task, "get_coro") else getattr(task, "_coro", None)
    what = getattr(coro, "__qualname__", None) or repr(coro)
    return "task %r (%s)" % (getter(), what) if getter is not None else "task of %s" % (what,)


def _traceback_of(error: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip()


class Gate(Watcher):
    """The hygiene checks of one test: open it at set-up, :meth:`finish` it after tear-down."""

    def __init__(self, checks: "FrozenSet[str]", silent: bool) -> None:
        self.checks = checks
        self.silent = silent  # report only: let Python warn and log as it would
        self.thread = threading.get_ident()
        self.findings = []  # type: List[Finding]
        self.tasks = []  # type: List[Tuple[Any, str]]
        self.reported = set()  # type: Set[int]
        self.loops = {}  # type: Dict[int, Tuple[Any, Any, Any, Any, Any]]
        self.watching = bool(checks & {"tasks", "task-exceptions", "loop-errors"})
        self.saved_hook = None  # type: Any
        self.saved_depth = None  # type: Optional[int]
        self.filter = None  # type: Any
        self.saved_show = None  # type: Any

    # --- set-up and the end ----------------------------------------------------

    def start(self) -> None:
        if self.watching:
            watch(self)
        if "coroutines" in self.checks:
            _collect()  # the garbage of earlier tests goes first: it is not this test's
            self._hear_unawaited()

    def finish(self) -> "List[Finding]":
        """Stop watching; what was found, the test's garbage and lost task exceptions included."""
        if self.watching:
            unwatch(self)
            for loop, factory, handler, ours_factory, ours_handler in self.loops.values():
                if loop.get_task_factory() is ours_factory:
                    loop.set_task_factory(factory)
                if loop.get_exception_handler() is ours_handler:
                    loop.set_exception_handler(handler)
        if "coroutines" in self.checks:
            _collect()  # what the test dropped is freed, and told, now
            self._stop_hearing()
        if "task-exceptions" in self.checks:
            for task, site in self.tasks:
                self._lost_exception(task, site)
        return self.findings

    # --- coroutines -------------------------------------------------------------

    def _hear_unawaited(self) -> None:
        if HOOKS_UNAWAITED_COROUTINES:
            self.saved_hook = getattr(warnings, "_warn_unawaited_coroutine")
            warnings._warn_unawaited_coroutine = self._unawaited  # type: ignore[attr-defined]
            self.saved_depth = sys.get_coroutine_origin_tracking_depth()
            sys.set_coroutine_origin_tracking_depth(max(self.saved_depth, 16))
            return
        # 3.6 and PyPy tell only through the warning: shown, to be heard, whatever the filters say.
        warnings.filterwarnings("always", message=_NEVER_AWAITED.pattern, category=RuntimeWarning)
        self.filter = warnings.filters[0]
        self.saved_show = warnings.showwarning
        warnings.showwarning = self._shown

    def _stop_hearing(self) -> None:
        if self.saved_hook is not None:
            warnings._warn_unawaited_coroutine = self.saved_hook  # type: ignore[attr-defined]
            sys.set_coroutine_origin_tracking_depth(self.saved_depth or 0)
            return
        warnings.showwarning = self.saved_show
        filters = cast(List[Any], warnings.filters)
        filters[:] = [entry for entry in filters if entry is not self.filter]
        getattr(warnings, "_filters_mutated")()

    def _unawaited(self, coro: Any) -> None:
        if threading.get_ident() != self.thread:
            self.saved_hook(coro)
            return
        origin = getattr(coro, "cr_origin", None) or ()
        self._never_awaited(getattr(coro, "__qualname__", repr(coro)), _user_site(list(origin)))
        if self.silent:
            self.saved_hook(coro)

    def _shown(self, message: Any, category: Any, filename: str, lineno: int, *args: Any, **kwargs: Any) -> None:
        found = _NEVER_AWAITED.match(str(message)) if category is RuntimeWarning else None
        if found is not None and threading.get_ident() == self.thread:
            self._never_awaited(found.group(1), "an unknown place (this interpreter records no coroutine origin)")
            if not self.silent:
                return
        self.saved_show(message, category, filename, lineno, *args, **kwargs)

    def _never_awaited(self, name: str, site: str) -> None:
        self.findings.append(Finding(
            "coroutines", "coroutine %r was never awaited" % (name,), site,
            "await it (or pass it to asyncio.create_task and keep the task); close() it if it is "
            "not meant to run",
        ))

    # --- loops: tasks, lost exceptions, loop errors ----------------------------------

    def loop_runs(self, loop: Any) -> None:
        if id(loop) in self.loops:
            return
        factory, handler = loop.get_task_factory(), loop.get_exception_handler()
        ours_factory = self._task_factory(factory)
        ours_handler = self._exception_handler(handler)
        loop.set_task_factory(ours_factory)
        loop.set_exception_handler(ours_handler)
        self.loops[id(loop)] = (loop, factory, handler, ours_factory, ours_handler)

    def _task_factory(self, previous: Any) -> "Callable[..., Any]":
        import asyncio

        tasks = self.tasks
        task_class = asyncio.Task if ASYNCIO_ALL_TASKS_FUNCTION else _watched_task_class(self)

        def factory(loop: Any, coro: Any, **kwargs: Any) -> Any:
            if previous is not None:
                task = previous(loop, coro, **kwargs)
            else:
                task = task_class(coro, loop=loop, **kwargs)
            tasks.append((task, _user_site(_caller_frames())))
            return task

        return factory

    def _exception_handler(self, previous: Any) -> "Callable[[Any, Dict[str, Any]], None]":
        def handler(loop: Any, context: "Dict[str, Any]") -> None:
            self._loop_error(context)
            if previous is not None:
                previous(loop, context)
            else:
                loop.default_exception_handler(context)

        return handler

    def tasks_listed(self, loop: Any) -> None:
        self._left_running(loop, "when the loop's owner cancelled what was left")

    def loop_closes(self, loop: Any) -> None:
        self._left_running(loop, "when its loop was closed")

    def _left_running(self, loop: Any, when: str) -> None:
        if "task-exceptions" in self.checks:  # before the owner's clean-up retrieves them
            for task, site in self.tasks:
                if getattr(task, "_loop", None) is loop:
                    self._lost_exception(task, site)
        if "tasks" not in self.checks:
            return
        for task, site in self.tasks:
            if task.done() or id(task) in self.reported or getattr(task, "_loop", None) is not loop:
                continue
            code = _code_file(task)
            if not code or _RUNNERS.search(code):
                continue  # the runner's own worker, or the loop's closing of an async generator

            self.reported.add(id(task))
            self.findings.append(Finding(
                "tasks", "%s was still running %s; it was %s" % (_task_name(task), when, _waiting_on(task)),
                site,
                "keep a reference and await it or cancel it (and await the cancellation) before the "
                "test ends, or start it in an asyncio.TaskGroup",
            ))

    def _lost_exception(self, task: Any, site: str) -> None:
        # asyncio's own mark of an exception set and never retrieved: it logs such a task when freed.
        if id(task) in self.reported or not task.done() or not getattr(task, "_log_traceback", False):
            return
        error = getattr(task, "_exception")  # type: BaseException
        self.reported.add(id(task))
        if not self.silent:
            task._log_traceback = False  # told here, not again when it is freed
        self.findings.append(Finding(
            "task-exceptions",
            "%s ended with %r, which nobody retrieved:\n%s" % (_task_name(task), error, _indent(_traceback_of(error))),
            site,
            "await the task (or call task.result() or task.exception()) where its error can be handled",
        ))

    def _loop_error(self, context: "Dict[str, Any]") -> None:
        message = str(context.get("message", ""))
        future = context.get("future", context.get("task"))
        if message in _LOST or message.startswith("Task was destroyed but it is pending"):
            return  # a task's own: its checks tell of the test's tasks (``finish``)
        if "loop-errors" not in self.checks:
            return
        error = context.get("exception")
        detail = message if error is None else "%s\n%s" % (message, _indent(_traceback_of(error)))
        handle = context.get("handle")
        site = repr(handle) if handle is not None else (repr(future) if future is not None else "the event loop")
        self.findings.append(Finding(
            "loop-errors", "the loop's exception handler was called: %s" % (detail,), site,
            "handle the error where it is raised: asyncio only logs an exception raised in a "
            "callback or in a protocol, and the test passes",
        ))


def _watched_task_class(gate: "Gate") -> type:  # pragma: no cover - Python 3.6 only
    """3.6: a task that tells *gate* when it is cancelled while its loop is stopped.

    That is its owner cleaning up, as ``asyncio.all_tasks`` tells from 3.7,
    which 3.6 keeps as a method of the C ``Task`` class, out of reach.
    """
    import asyncio

    class Task(asyncio.Task):  # type: ignore[type-arg]
        def cancel(self, *args: Any) -> bool:
            if not self._loop.is_running():
                gate.tasks_listed(self._loop)
            return bool(super().cancel(*args))

    return Task


def _collect() -> None:
    """Free the garbage: on CPython the young cycles (the rest went with its last reference), on PyPy all."""
    if FREES_ON_LAST_REFERENCE:
        gc.collect(1)
    else:
        gc.collect()


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
