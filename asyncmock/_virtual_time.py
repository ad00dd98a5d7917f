"""``virtual_time()``: sleeps, timeouts and backoff take no real time, in the order real time gives.

``async with virtual_time() as clock:`` (or ``@virtual_time`` on an ``async
def``) puts the running loop in virtual time.  ``with virtual_time():`` (or
``@virtual_time`` on a sync function or a ``TestCase`` class) puts every
loop and trio run the thread starts in virtual time, which is how a whole
test, its fixtures included, runs in it (``_virtual_runs``).
"""
import functools
import threading
import unittest
from typing import Any, Callable, List, Optional, TypeVar, cast, overload

from ._checks import check_bool, check_delay, refuse
from ._compat import get_running_loop
from ._introspection import iscoroutinefunction
from ._loop import in_trio
from ._system_clocks import SystemClocks
from ._virtual_clock import ACTIVE, AsyncioDriver, TrioDriver, VirtualClock
from ._virtual_runs import Window

__all__ = ["VirtualClock", "VirtualTime", "virtual_time"]

_F = TypeVar("_F", bound=Callable[..., Any])


class VirtualTime:
    """What ``virtual_time()`` returns: a context manager (``async with`` or ``with``) and a decorator."""

    def __init__(self, io_timeout: "Optional[float]", clock: "Optional[VirtualClock]", system_clocks: bool) -> None:
        self._io_timeout = io_timeout
        self._clock = clock
        self._system_clocks = system_clocks
        self._entered = []  # type: List[Any]

    def _again(self) -> "VirtualTime":
        return VirtualTime(self._io_timeout, self._clock, self._system_clocks)

    def __call__(self, func: _F) -> _F:
        if isinstance(func, type) and issubclass(func, unittest.TestCase):
            return cast(_F, self._decorate_test_case(func))
        if not callable(func) or isinstance(func, type):
            refuse(
                "virtual_time() decorates an async def, a function or a unittest.TestCase class; "
                "its argument", "one", func,
            )
        again = self._again
        if iscoroutinefunction(func):
            @functools.wraps(func)
            async def in_virtual_time(*args: Any, **kwargs: Any) -> Any:
                async with again():
                    return await func(*args, **kwargs)

            return cast(_F, in_virtual_time)

        @functools.wraps(func)
        def with_loops_in_virtual_time(*args: Any, **kwargs: Any) -> Any:
            with again():
                return func(*args, **kwargs)

        return cast(_F, with_loops_in_virtual_time)

    def _decorate_test_case(self, case: type) -> type:
        """Each test of *case* runs in virtual time: set-up, tear-down and cleanups included."""
        run = getattr(case, "run")  # type: Any
        again = self._again

        @functools.wraps(run)
        def run_in_virtual_time(test: Any, *args: Any, **kwargs: Any) -> Any:
            with again():
                return run(test, *args, **kwargs)

        setattr(case, "run", run_in_virtual_time)
        return case

    def __enter__(self) -> VirtualClock:
        window = Window(self._io_timeout, self._clock, self._system_clocks)
        clock = window.__enter__()
        self._entered.append(window)
        return clock

    def __exit__(self, *exc_info: Any) -> None:
        self._entered.pop().__exit__(*exc_info)

    async def __aenter__(self) -> VirtualClock:
        if in_trio():
            driver = TrioDriver()  # type: Any
            owner = driver.clock  # type: Any
        else:
            owner = get_running_loop()
            driver = None
        active = ACTIVE.get(id(owner))
        if active is not None:  # nested: the outer one owns the clock
            self._entered.append(None)
            return active[1]
        if driver is None:
            driver = AsyncioDriver(owner, self._io_timeout)
        clock = self._clock if self._clock is not None else VirtualClock()
        if clock._driver is not None:
            raise RuntimeError("this clock is already in use by another loop's virtual time")
        clock._driver = driver
        ACTIVE[id(owner)] = (owner, clock)
        driver.install()
        clocks = None
        if self._system_clocks:
            clocks = SystemClocks(lambda: clock.now, threading.get_ident())
            clocks.install()
        self._entered.append((owner, clocks))
        return clock

    async def __aexit__(self, *exc_info: Any) -> None:
        entered = self._entered.pop()
        if entered is not None:
            owner, clocks = entered
            _, clock = ACTIVE.pop(id(owner))
            try:
                if clocks is not None:
                    clocks.uninstall()
                clock._driver.uninstall()
            finally:
                clock._driver = None


@overload
def virtual_time(func: _F) -> _F: ...  # pragma: no cover - typing only


@overload
def virtual_time(
    *, io_timeout: "Optional[float]" = 1.0, clock: "Optional[VirtualClock]" = None,
    system_clocks: bool = False,
) -> VirtualTime: ...  # pragma: no cover - typing only


def virtual_time(
    func: "Optional[_F]" = None, *, io_timeout: "Optional[float]" = 1.0,
    clock: "Optional[VirtualClock]" = None, system_clocks: bool = False,
) -> Any:
    """Run the enclosed code, or the decorated function or test case, in virtual time.

    ``async with virtual_time() as clock:`` inside a running asyncio loop or
    trio run, or ``@virtual_time`` on an ``async def``: that loop is in
    virtual time.  ``with virtual_time() as clock:``, or ``@virtual_time`` on
    a sync function or a ``unittest.TestCase`` class: every asyncio loop and
    trio run the thread starts meanwhile is (for a test case: each test, its
    ``asyncSetUp``, ``asyncTearDown`` and cleanups included).  The clock
    jumps to the next timer whenever every task waits on one.  While an
    executor call, a subprocess or a registered socket may still wake the
    loop, it first waits for real, up to *io_timeout* seconds (None: as long
    as the timer would).  *clock* is the ``VirtualClock`` to drive (the pytest
    fixture's); by default a new one.  With *system_clocks*, ``time.time()``,
    ``time.monotonic()``, ``time.perf_counter()`` (and their ``_ns`` forms),
    ``datetime.datetime.now()`` and ``datetime.date.today()`` follow the
    virtual clock on this thread (see ``_system_clocks`` for what they reach).
    """
    check_delay("virtual_time() io_timeout", io_timeout)
    if clock is not None and not isinstance(clock, VirtualClock):
        refuse("virtual_time() clock", "a VirtualClock", clock)
    check_bool("virtual_time() system_clocks", system_clocks)
    manager = VirtualTime(io_timeout, clock, system_clocks)
    return manager if func is None else manager(func)
