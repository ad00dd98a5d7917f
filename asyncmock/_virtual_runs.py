"""Virtual time for every event loop a thread runs: a whole test, its fixtures included.

``with virtual_time():`` (no ``async``), ``@virtual_time`` on a sync function
or a ``TestCase`` class, and the pytest plugin open a *window* on the current
thread.  While it is open, each asyncio loop the thread runs and each trio
run it starts are in virtual time, on one clock, until the window closes: the
window watches the thread's loops (``_loop_runs``).
"""
import importlib
import math
import threading
from typing import Any, Dict, List, Optional, Tuple

from ._loop_runs import Watcher, unwatch, watch
from ._system_clocks import SystemClocks
from ._virtual_clock import ACTIVE, REAL_MONOTONIC, AsyncioDriver, TrioDriver, VirtualClock

__all__ = ["Window"]

_LOCK = threading.Lock()
#: The open window of each thread that has one, by thread ident.
_WINDOWS = {}  # type: Dict[int, Window]


class Window(Watcher):
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
            _WINDOWS[self.thread] = self
        watch(self)
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
            unwatch(self)
            with _LOCK:
                del _WINDOWS[self.thread]

    def clock_now(self) -> float:
        """The virtual time, wherever the clock is: on a loop, a trio clock, or here."""
        return self.clock.now

    def loop_runs(self, loop: Any) -> None:
        """Put *loop* in virtual time until the window closes, from where the clock is now."""
        if id(loop) in ACTIVE:
            return  # already driven: by this window, or by ``async with virtual_time()``
        driver = AsyncioDriver(loop, self.io_timeout, start=self.clock_now())
        driver.install()
        self._drive(loop, driver)

    def trio_starts(self, kwargs: "Dict[str, Any]") -> None:
        """A trio run started in the window gets a clock that jumps: its MockClock, or a new one."""
        kwargs["clock"] = self.trio_clock(kwargs.get("clock"))

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
