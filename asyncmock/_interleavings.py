"""Races found, not hidden: each await of an async mock is a scheduling point an explorer permutes.

An awaited ``AsyncMock`` finishes without suspending, so code that races in
production (check, ``await``, then act) runs one task after another under
test.  While an exploration runs, each await of one of our async mocks, and
each ``await checkpoint()``, asks the run's :class:`Schedule` whether the
awaiting task lets the others run first, and for how many turns of the loop.

The strategy is a random walk over those points, with a switch probability
drawn per run (from 0.1 to 0.9): a depth-1 race (one task must run between
another's check and act) is found in a run with probability about p, and a
depth-2 one about p squared, so 200 runs find both nearly always.  PCT, with
its 1/(n * k^(d-1)) bound, needs the scheduler's ready queue, which asyncio
does not expose; Coyote's random and probabilistic strategies are this one.
Every decision comes from the run's seed: the same seed gives the same
schedule, so a failure is replayed exactly.  Runs are in virtual time, so
timeouts, sleeps and ``await_delay`` cost nothing and keep their order.
"""
import functools
import random
import re
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar, cast

from ._checks import refuse
from ._compat import format_call_signature
from ._introspection import iscoroutinefunction
from ._loop import current_task, in_trio, sleep
from ._names import dotted_name
from ._records import EXPLORATIONS
from ._virtual_time import virtual_time

__all__ = ["InterleavingFailure", "NestedExploration", "Schedule", "checkpoint", "interleavings", "run_seeds"]

_F = TypeVar("_F", bound=Callable[..., Any])
#: How many schedules ``interleavings()`` tries when it is not told.
DEFAULT_RUNS = 200
_UNSET = object()
_DEFAULT_TASK_NAME = re.compile(r"Task-\d+$")
#: The switch probabilities a run draws from: each run explores differently.
_SWITCH_PROBABILITIES = (0.1, 0.25, 0.5, 0.75, 0.9)


class InterleavingFailure(AssertionError):
    """A schedule under which the explored code failed: ``seed`` replays it, ``schedule`` shows it.

    The original exception is the ``__cause__``.
    """

    def __init__(self, message: str, seed: int, run: int, schedule: "List[str]") -> None:
        super().__init__(message)
        self.seed = seed
        self.run = run
        self.schedule = schedule


class NestedExploration(RuntimeError):
    """An exploration started inside another: a usage error, never a finding."""


class Schedule:
    """One run's decisions, drawn from its seed, and the steps they made, in order."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._random = random.Random(seed)
        self.switch_probability = self._random.choice(_SWITCH_PROBABILITIES)
        self.steps = []  # type: List[str]
        self._names = {}  # type: Dict[int, Tuple[Any, str]]

    def task_name(self) -> str:
        """The awaiting task's name: its own, or ``Task-N`` in the order this run met it."""
        task = current_task()
        known = self._names.get(id(task))
        if known is not None:
            return known[1]
        getter = getattr(task, "get_name", None)
        name = getter() if getter is not None else getattr(task, "name", None)
        if not isinstance(name, str) or _DEFAULT_TASK_NAME.match(name):
            name = "Task-%d" % (len(self._names) + 1)
        taken = {known_name for _, known_name in self._names.values()}
        if name in taken:
            name = "%s#%d" % (name, len(self._names) + 1)
        self._names[id(task)] = (task, name)  # the task is kept: its id stays its own
        return name

    async def point_at(self, mock: Any, args: "Tuple[Any, ...]", kwargs: "Dict[str, Any]") -> None:
        """The scheduling point of an await of *mock*, named as its call: ``db.fetch(1)``."""
        await self.point(format_call_signature(dotted_name(mock), args, kwargs))

    async def point(self, label: str) -> None:
        """A scheduling point: let the other tasks run first, or not, as the seed says."""
        name = self.task_name()
        if self._random.random() >= self.switch_probability:
            self.steps.append("%s: %s runs on" % (name, label))
            return
        turns = self._random.randint(1, 3)
        self.steps.append("%s: %s lets others run (%d turn%s)" % (name, label, turns, "" if turns == 1 else "s"))
        for _ in range(turns):
            await sleep(0)
        self.steps.append("%s: %s resumed" % (name, label))

    def failure(self, error: BaseException, run: int, runs: int, replay: str) -> InterleavingFailure:
        """The :class:`InterleavingFailure` that reports *error* under this schedule."""
        lines = ["  %d. %s" % (number, step) for number, step in enumerate(self.steps, 1)]
        message = (
            "asyncmock.interleavings: run %d of %d failed under seed %d: %s: %s\n"
            "Schedule (%d step%s):\n%s\n"
            "Replay it: %s"
        ) % (
            run + 1, runs, self.seed, type(error).__name__, error,
            len(lines), "" if len(lines) == 1 else "s", "\n".join(lines) or "  (no scheduling point)",
            replay,
        )
        return InterleavingFailure(message, self.seed, run, list(self.steps))


def replay_line(seed: int, nodeid: "Optional[str]" = None) -> str:
    """How to replay the schedule of *seed*: the decorator, the marker and the option."""
    where = "pytest '%s' --asyncmock-seed=%d" % (nodeid, seed) if nodeid else "pytest --asyncmock-seed=%d" % seed
    return "@asyncmock.interleavings(seed=%d), @pytest.mark.asyncmock_interleavings(seed=%d), or %s" % (
        seed, seed, where,
    )


def start(schedule: Schedule) -> None:
    """Make *schedule* the one every scheduling point asks; refuse to nest."""
    if EXPLORATIONS:
        raise NestedExploration(
            "asyncmock.interleavings() cannot run inside another exploration (seed %d): "
            "explore the outer function, or the inner one, not both" % (EXPLORATIONS[-1].seed,)
        )
    EXPLORATIONS.append(schedule)
    # trio shuffles its run queue at random: from the seed too, so replay is exact.
    shuffle = getattr(getattr(getattr(sys.modules.get("trio"), "_core", None), "_run", None), "_r", None)
    if shuffle is not None:
        shuffle.seed(schedule.seed)


def stop(schedule: Schedule) -> None:
    EXPLORATIONS.remove(schedule)


def check_runs_and_seed(runs: Any, seed: Any, where: str) -> None:
    """Refuse a *runs* that is not an int >= 1 and a *seed* that is not an int."""
    if runs is not _UNSET and runs is not None:
        if isinstance(runs, bool) or not isinstance(runs, int):
            refuse("%s runs" % where, "an int >= 1", runs)
        if runs < 1:
            refuse("%s runs" % where, "an int >= 1", runs, ValueError)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        refuse("%s seed" % where, "an int", seed)


def run_seeds(runs: Any, seed: "Optional[int]", default_base: int) -> "List[int]":
    """The seed of each run: *seed* alone replays it; else *runs* seeds from a base."""
    if seed is not None and runs in (_UNSET, None):
        return [seed]
    count = DEFAULT_RUNS if runs in (_UNSET, None) else int(runs)
    base = default_base if seed is None else seed
    return [(base + run) % 2 ** 32 for run in range(count)]


async def checkpoint(label: str = "checkpoint") -> None:
    """Mark a scheduling point in your own code: while exploring, other tasks may run here.

    Outside an exploration it does nothing, not even yield to the loop.
    """
    if EXPLORATIONS:
        await EXPLORATIONS[-1].point(label)


def _virtual_time_for_run() -> Any:
    """Virtual time for one run; under trio only where the run has a MockClock to drive."""
    if in_trio():
        trio = sys.modules["trio"]
        testing = sys.modules.get("trio.testing")
        if testing is None or not isinstance(trio.lowlevel.current_clock(), testing.MockClock):
            return None
    return virtual_time()


def interleavings(runs: Any = _UNSET, seed: "Optional[int]" = None) -> "Callable[[_F], _F]":
    """Run the decorated ``async def`` *runs* times (default 200), each under a different schedule.

    ``seed=S`` alone replays exactly that schedule; with *runs* too, it
    explores *runs* schedules from base seed S, the same ones every time.
    The first failing run raises :class:`InterleavingFailure` with its seed
    and schedule.  Make the mocks inside the function, so each run starts
    fresh.
    """
    check_runs_and_seed(runs, seed, "interleavings()")

    def decorate(func: _F) -> _F:
        if not iscoroutinefunction(func):
            refuse("interleavings() decorates an async def; its argument", "one", func)

        @functools.wraps(func)
        async def explored(*args: Any, **kwargs: Any) -> None:
            __tracebackhide__ = True
            base = random.SystemRandom().randrange(2 ** 32)
            seeds = run_seeds(runs, seed, base)
            for run, run_seed in enumerate(seeds):
                schedule = Schedule(run_seed)
                start(schedule)
                try:
                    clock = _virtual_time_for_run()
                    try:
                        if clock is None:
                            await func(*args, **kwargs)
                        else:
                            async with clock:
                                await func(*args, **kwargs)
                    except NestedExploration:
                        raise
                    except Exception as error:
                        raise schedule.failure(error, run, len(seeds), replay_line(run_seed)) from error
                finally:
                    stop(schedule)

        return cast(_F, explored)

    return decorate


for _public in (InterleavingFailure, checkpoint, interleavings):
    _public.__module__ = "asyncmock"
