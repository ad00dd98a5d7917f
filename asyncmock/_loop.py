"""Event-loop primitives that work under asyncio and trio alike.

Each finds the running loop when used, never on import, and imports asyncio
only then: our mocks do not load it for code that never awaits them.
"""
import sys
from typing import Any, Optional

from ._compat import current_asyncio_task, get_running_loop

__all__ = ["Event", "current_task", "in_trio", "is_cancellation", "sleep"]


def in_trio() -> bool:
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return False
    return True


def current_task() -> Any:
    """The task running now: trio's or asyncio's."""
    if in_trio():
        return sys.modules["trio"].lowlevel.current_task()
    return current_asyncio_task()


async def sleep(seconds: float) -> None:
    """Sleep in whichever event loop runs us (``0``: yield to it once)."""
    if in_trio():
        await sys.modules["trio"].sleep(seconds)
    else:
        import asyncio

        await asyncio.sleep(seconds)


def is_cancellation(exc: BaseException) -> bool:
    """True for asyncio's CancelledError and trio's Cancelled."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None and isinstance(exc, asyncio.CancelledError):
        return True
    trio = sys.modules.get("trio")
    return trio is not None and isinstance(exc, trio.Cancelled)


class Event:
    """A one-shot event of the running loop that any thread may set."""

    def __init__(self) -> None:
        if in_trio():
            trio = sys.modules["trio"]
            self._trio_event = trio.Event()
            self._token = trio.lowlevel.current_trio_token()
            self._future = None  # type: Any
        else:
            self._loop = get_running_loop()
            self._future = self._loop.create_future()

    def set(self) -> None:
        if self._future is None:
            try:
                self._token.run_sync_soon(self._trio_event.set)
            except sys.modules["trio"].RunFinishedError:
                pass
        else:
            try:
                self._loop.call_soon_threadsafe(self._resolve)
            except RuntimeError:  # the loop is closed: nobody waits any more
                pass

    def _resolve(self) -> None:
        if not self._future.done():
            self._future.set_result(None)

    async def wait(self, timeout: "Optional[float]") -> bool:
        """Wait until set; False if *timeout* seconds passed first."""
        if self._future is None:
            trio = sys.modules["trio"]
            with trio.move_on_after(float("inf") if timeout is None else timeout) as scope:
                await self._trio_event.wait()
            return not scope.cancelled_caught
        import asyncio

        try:
            await asyncio.wait_for(asyncio.shield(self._future), timeout)
        except asyncio.TimeoutError:
            return False
        return True
