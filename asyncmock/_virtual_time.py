"""Virtual time: a loop clock that jumps to the next timer whenever the loop would only wait.

``async with virtual_time() as clock:`` makes ``await asyncio.sleep(3600)``,
timeouts, backoff, ``await_delay`` and ``wait_until_awaited(timeout=)`` take
no real time, in the order real time would give.  On asyncio it replaces the
running loop's ``time`` and its selector's ``select`` (both restored on exit);
under trio it sets the run's ``trio.testing.MockClock`` to jump.
"""
import functools
import importlib
import math
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar, cast, overload

from ._checks import check_delay, refuse
from ._compat import get_running_loop
from ._introspection import iscoroutinefunction
from ._loop import in_trio

__all__ = ["VirtualClock", "VirtualTime", "virtual_time"]

_F = TypeVar("_F", bound=Callable[..., Any])
#: By id: each loop (or trio clock) in virtual time, and its clock, so nested uses share it.
_ACTIVE = {}  # type: Dict[int, Tuple[Any, VirtualClock]]


class _AsyncioDriver:
    """Virtual time on one running asyncio loop: its clock, and the selector wait that jumps it."""

    def __init__(self, loop: Any, io_timeout: "Optional[float]") -> None:
        selector = getattr(loop, "_selector", None)
        if selector is None or not hasattr(selector, "select"):
            raise RuntimeError(
                "virtual_time() needs an asyncio selector event loop; the running loop is %r"
                % (loop,)
            )
        self.loop = loop
        self.selector = selector
        self.io_timeout = io_timeout
        # From the next whole second: then whole-second delays add up exactly.
        self.now = float(math.ceil(loop.time()))
        self.in_executor = 0
        self.subprocesses = []  # type: List[Any]
        self_pipe = getattr(loop, "_ssock", None)
        self.self_pipe = self_pipe.fileno() if self_pipe is not None else -1
        self.saved = [(loop, name, loop.__dict__.get(name)) for name in (
            "time", "run_in_executor", "subprocess_exec", "subprocess_shell")]
        self.saved.append((selector, "select", selector.__dict__.get("select")))
        self.real_select = selector.select
        self.real_run_in_executor = loop.run_in_executor
        self.real_subprocess_exec = loop.subprocess_exec
        self.real_subprocess_shell = loop.subprocess_shell

    def install(self) -> None:
        loop = self.loop
        loop.time = self.time
        loop.run_in_executor = self.run_in_executor
        loop.subprocess_exec = self.subprocess_exec
        loop.subprocess_shell = self.subprocess_shell
        self.selector.select = self.select

    def uninstall(self) -> None:
        for owner, name, before in self.saved:
            if before is None:
                owner.__dict__.pop(name, None)
            else:
                setattr(owner, name, before)

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def waiting_on_real_work(self) -> bool:
        """Whether an executor call, a subprocess or a registered file may still wake the loop."""
        if self.in_executor:
            return True
        self.subprocesses = [
            transport for transport in self.subprocesses
            if transport.get_returncode() is None and not transport.is_closing()
        ]
        if self.subprocesses:
            return True
        return any(fd != self.self_pipe for fd in self.selector.get_map())

    def select(self, timeout: "Optional[float]" = None) -> Any:
        """The loop's wait: what is ready now; else, with a timer due, jump to it."""
        events = self.real_select(0)
        if events or timeout is not None and timeout <= 0:
            return events
        if timeout is None:  # no timer at all: only I/O or another thread can wake the loop
            return self.real_select(None)
        if self.waiting_on_real_work():
            wait = timeout if self.io_timeout is None else min(timeout, self.io_timeout)
            events = self.real_select(wait)
            if events:
                return events
        self.now += timeout
        return events

    def run_in_executor(self, executor: Any, func: Any, *args: Any) -> Any:
        future = self.real_run_in_executor(executor, func, *args)
        self.in_executor += 1
        future.add_done_callback(self._executor_done)
        return future

    def _executor_done(self, future: Any) -> None:
        self.in_executor -= 1

    async def subprocess_exec(self, *args: Any, **kwargs: Any) -> Any:
        transport, protocol = await self.real_subprocess_exec(*args, **kwargs)
        self.subprocesses.append(transport)
        return transport, protocol

    async def subprocess_shell(self, *args: Any, **kwargs: Any) -> Any:
        transport, protocol = await self.real_subprocess_shell(*args, **kwargs)
        self.subprocesses.append(transport)
        return transport, protocol


class _TrioDriver:
    """Virtual time under trio: the run's ``MockClock``, set to jump as soon as all tasks wait."""

    def __init__(self) -> None:
        trio = sys.modules["trio"]
        testing = importlib.import_module("trio.testing")  # ``import trio`` alone does not load it
        clock = trio.lowlevel.current_clock()
        if not isinstance(clock, testing.MockClock):
            raise RuntimeError(
                "virtual_time() under trio needs the run to use trio.testing.MockClock: "
                "trio.run(main, clock=trio.testing.MockClock()); the run's clock is %r" % (clock,)
            )
        self.trio = trio
        self.clock = clock
        self.saved = clock.autojump_threshold

    def install(self) -> None:
        self.clock.autojump_threshold = 0

    def uninstall(self) -> None:
        self.clock.autojump_threshold = self.saved

    def time(self) -> float:
        return cast(float, self.trio.current_time())

    def advance(self, seconds: float) -> None:
        self.clock.jump(seconds)


class VirtualClock:
    """The clock of a loop in virtual time: read ``now``, move it on with ``advance()``."""

    def __init__(self) -> None:
        self._driver = None  # type: Any

    def _bound(self) -> Any:
        if self._driver is None:
            raise RuntimeError("this clock is not in use: virtual time has not started or has ended")
        return self._driver

    @property
    def now(self) -> float:
        """The loop's current (virtual) time, as ``loop.time()`` or ``trio.current_time()`` give it."""
        return cast(float, self._bound().time())

    def advance(self, seconds: float) -> None:
        """Move time on by *seconds*; timers now due run when the test next yields to the loop."""
        check_delay("advance() seconds", seconds, allow_none=False)
        self._bound().advance(seconds)

    def __repr__(self) -> str:
        if self._driver is None:
            return "<VirtualClock (not in use)>"
        return "<VirtualClock now=%r>" % (self.now,)


class VirtualTime:
    """What ``virtual_time()`` returns: an async context manager, and a decorator of ``async def``."""

    def __init__(self, io_timeout: "Optional[float]", clock: "Optional[VirtualClock]") -> None:
        self._io_timeout = io_timeout
        self._clock = clock
        self._entered = []  # type: List[Any]

    def __call__(self, func: _F) -> _F:
        if not iscoroutinefunction(func):
            refuse("virtual_time() decorates an async def function; its argument", "one", func)
        io_timeout, clock = self._io_timeout, self._clock

        @functools.wraps(func)
        async def in_virtual_time(*args: Any, **kwargs: Any) -> Any:
            async with VirtualTime(io_timeout, clock):
                return await func(*args, **kwargs)

        return cast(_F, in_virtual_time)

    async def __aenter__(self) -> VirtualClock:
        if in_trio():
            driver = _TrioDriver()  # type: Any
            owner = driver.clock  # type: Any
        else:
            owner = get_running_loop()
            driver = None
        active = _ACTIVE.get(id(owner))
        if active is not None:  # nested: the outer one owns the clock
            self._entered.append(None)
            return active[1]
        if driver is None:
            driver = _AsyncioDriver(owner, self._io_timeout)
        clock = self._clock if self._clock is not None else VirtualClock()
        if clock._driver is not None:
            raise RuntimeError("this clock is already in use by another loop's virtual time")
        clock._driver = driver
        _ACTIVE[id(owner)] = (owner, clock)
        self._entered.append(owner)
        driver.install()
        return clock

    async def __aexit__(self, *exc_info: Any) -> None:
        owner = self._entered.pop()
        if owner is not None:
            _, clock = _ACTIVE.pop(id(owner))
            try:
                clock._driver.uninstall()
            finally:
                clock._driver = None


@overload
def virtual_time(func: _F) -> _F: ...  # pragma: no cover - typing only


@overload
def virtual_time(
    *, io_timeout: "Optional[float]" = 1.0, clock: "Optional[VirtualClock]" = None,
) -> VirtualTime: ...  # pragma: no cover - typing only


def virtual_time(
    func: "Optional[_F]" = None, *, io_timeout: "Optional[float]" = 1.0,
    clock: "Optional[VirtualClock]" = None,
) -> Any:
    """Run the enclosed code, or the decorated ``async def``, in virtual time.

    ``async with virtual_time() as clock:`` inside a running asyncio loop or
    trio run; ``@virtual_time`` or ``@virtual_time(io_timeout=...)`` on an
    ``async def``.  The clock jumps to the next timer whenever every task
    waits on one.  While an executor call, a subprocess or a registered socket
    may still wake the loop, it first waits for real, up to *io_timeout*
    seconds (None: as long as the timer would).  *clock* is the
    ``VirtualClock`` to drive (the pytest fixture's); by default a new one.
    """
    check_delay("virtual_time() io_timeout", io_timeout)
    if clock is not None and not isinstance(clock, VirtualClock):
        refuse("virtual_time() clock", "a VirtualClock", clock)
    manager = VirtualTime(io_timeout, clock)
    return manager if func is None else manager(func)
