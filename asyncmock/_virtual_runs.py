"""Virtual time for every event loop a thread runs: a whole test, its fixtures included.

``with virtual_time():`` (no ``async``), ``@virtual_time`` on a sync function
or a ``TestCase`` class, and the pytest plugin open a *window* on the current
thread.  While it is open, each asyncio loop the thread runs and each trio
run it starts are in virtual time, on one clock, until the window closes.
Runners start loops in many ways (``asyncio.run``, ``asyncio.Runner``,
pytest-asyncio, anyio, ``IsolatedAsyncioTestCase``, pytest-trio); all of them
end in ``BaseEventLoop.run_forever``, ``trio.run`` or
``trio.lowlevel.start_guest_run``, which are wrapped while a window is open,
and restored when the last one closes.
"""
import importlib
import math
import sys
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple

from ._system_clocks import SystemClocks
from ._virtual_clock import ACTIVE, REAL_MONOTONIC, AsyncioDriver, TrioDriver, VirtualClock

__all__ = ["Window"]

_LOCK = threading.Lock()
#: The open window of each thread that has one, by thread ident.
_WINDOWS = {}  # type: Dict[int, Window]
#: What the windows wrapped: (owner, attribute name, the original).
_WRAPPED = []  # type: List[Tuple[Any, str, Any]]


class Window:
    """Virtual time for every loop and trio run of this thread, from ``__enter__`` to ``__exit__``."""

    def __init__(self, io_timeout: "Optional[float]", clock: "Optional[VirtualClock]", system_clocks: bool) -> None:
        self.io_timeout = io_timeout
        self.clock = clock if clock is not None else VirtualClock()
        self.system_clocks = system_clocks
        self.thread = threading.get_ident()
        self.now = 0.0  # the time before any loop runs, and between loops
        self.driven = []  # type: List[Tuple[Any, Any]]
        self.outer = None  # type: Optional[Window]
        self.clocks = None  # type: Optional[SystemClocks]

    # A window is the clock's driver until a loop runs, and between loops.
    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def __enter__(self) -> VirtualClock:
        with _LOCK:
            outer = _WINDOWS.get(self.thread)
            if outer is not None:  # nested: the outer window owns the clock
                self.outer = outer
                return outer.clock
            if self.clock._driver is not None:
                raise RuntimeError("this clock is already in use by another loop's virtual time")
            if not _WINDOWS:
                _wrap_runners()
            _WINDOWS[self.thread] = self
        # From the next whole second: then whole-second delays add up exactly.
        self.now = float(math.ceil(REAL_MONOTONIC()))
        self.clock._driver = self
        if self.system_clocks:
            self.clocks = SystemClocks(self.clock_now, self.thread)
            self.clocks.install()
        return self.clock

    def __exit__(self, *exc_info: Any) -> None:
        if self.outer is not None:
            return
        try:
            if self.clocks is not None:
                self.clocks.uninstall()
            for owner, driver in reversed(self.driven):
                driver.uninstall()
                ACTIVE.pop(id(owner), None)
        finally:
            self.clock._driver = None
            with _LOCK:
                del _WINDOWS[self.thread]
                if not _WINDOWS:
                    _unwrap_runners()

    def clock_now(self) -> float:
        """The virtual time, wherever the clock is: on a loop, a trio clock, or here."""
        return self.clock.now

    def drive_loop(self, loop: Any) -> None:
        """Put *loop* in virtual time until the window closes, from where the clock is now."""
        if id(loop) in ACTIVE:
            return  # already driven: by this window, or by ``async with virtual_time()``
        driver = AsyncioDriver(loop, self.io_timeout, start=self.clock_now())
        driver.install()
        self._drive(loop, driver)

    def trio_clock(self, clock: Any) -> Any:
        """The clock a trio run started in the window uses: a MockClock that jumps."""
        made = clock is None
        if made:
            clock = importlib.import_module("trio.testing").MockClock()
            clock.jump(self.clock_now())  # one time line for every run of the test
        driver = TrioDriver(clock, real_after=made)  # refuses a clock that is not a MockClock
        driver.install()
        self._drive(clock, driver)
        return clock

    def _drive(self, owner: Any, driver: Any) -> None:
        self.driven.append((owner, driver))
        ACTIVE[id(owner)] = (owner, self.clock)
        self.clock._driver = driver


def current_window() -> "Optional[Window]":
    """The window open on this thread, if any."""
    return _WINDOWS.get(threading.get_ident())


def _wrap(owner: Any, name: str, make: "Callable[[Any], Any]") -> None:
    original = getattr(owner, name)
    _WRAPPED.append((owner, name, original))
    setattr(owner, name, make(original))


def _wrap_runners() -> None:
    """Wrap what every asyncio loop and trio run starts through (the first window opens)."""
    import asyncio.base_events

    def wrap_run_forever(original: Any) -> Any:
        def run_forever(self: Any) -> Any:
            window = current_window()
            if window is not None:
                window.drive_loop(self)
            return original(self)

        return run_forever

    _wrap(asyncio.base_events.BaseEventLoop, "run_forever", wrap_run_forever)
    trio = sys.modules.get("trio")
    if trio is not None:
        _wrap_trio(trio)


def _wrap_trio(trio: Any) -> None:
    def with_clock(original: Any) -> Any:
        def start(*args: Any, **kwargs: Any) -> Any:
            window = current_window()
            if window is not None:
                kwargs["clock"] = window.trio_clock(kwargs.get("clock"))
            return original(*args, **kwargs)

        return start

    _wrap(trio, "run", with_clock)
    _wrap(trio.lowlevel, "start_guest_run", with_clock)


def _unwrap_runners() -> None:
    """Restore what :func:`_wrap_runners` wrapped (the last window closes)."""
    while _WRAPPED:
        owner, name, original = _WRAPPED.pop()
        setattr(owner, name, original)
