"""Virtual time's clock: a loop clock that jumps to the next timer whenever the loop would only wait.

A driver puts one loop in virtual time: on asyncio it replaces the loop's
``time`` and its selector's ``select`` (both restored by ``uninstall``);
under trio it sets the run's ``trio.testing.MockClock`` to jump.
:class:`VirtualClock` is what users read and move, whatever drives it.
"""
import importlib
import math
import sys
import time
from typing import Any, Dict, List, Optional, Tuple, cast

from ._checks import check_delay

__all__ = ["ACTIVE", "REAL_MONOTONIC", "AsyncioDriver", "TrioDriver", "VirtualClock"]

#: The real monotonic clock, as read before anything could replace ``time.monotonic``.
REAL_MONOTONIC = time.monotonic

#: By id: each loop (or trio clock) in virtual time, and its clock, so nested uses share it.
ACTIVE = {}  # type: Dict[int, Tuple[Any, VirtualClock]]


class AsyncioDriver:
    """Virtual time on one running asyncio loop: its clock, and the selector wait that jumps it."""

    def __init__(self, loop: Any, io_timeout: "Optional[float]", start: "Optional[float]" = None) -> None:
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
        self.now = float(math.ceil(loop.time())) if start is None else start
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
        # Timers still pending keep what is left of their delay, now in real time.
        ahead = self.now - REAL_MONOTONIC()
        for handle in getattr(self.loop, "_scheduled", ()):
            handle._when -= ahead

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


class TrioDriver:
    """Virtual time under trio: the run's ``MockClock``, set to jump as soon as all tasks wait."""

    def __init__(self, clock: Any = None, real_after: bool = False) -> None:
        trio = sys.modules["trio"]
        testing = importlib.import_module("trio.testing")  # ``import trio`` alone does not load it
        if clock is None:
            clock = trio.lowlevel.current_clock()
        if not isinstance(clock, testing.MockClock):
            raise RuntimeError(
                "virtual_time() under trio needs the run to use trio.testing.MockClock: "
                "trio.run(main, clock=trio.testing.MockClock()); the run's clock is %r" % (clock,)
            )
        self.clock = clock
        self.saved = clock.autojump_threshold
        #: A clock made for virtual time that a run may outlive: it then runs at real speed.
        self.real_after = real_after

    def install(self) -> None:
        self.clock.autojump_threshold = 0

    def uninstall(self) -> None:
        self.clock.autojump_threshold = self.saved
        if self.real_after:
            self.clock.rate = 1.0

    def time(self) -> float:
        return cast(float, self.clock.current_time())

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
