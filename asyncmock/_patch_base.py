"""What every patch shares: ``start()``/``stop()``, ``patch.stopall()``, and async generators under a patch.

Started patches go on the stdlib's own list, so either library's
``patch.stopall()`` stops both libraries' patches, newest first.
"""
import functools
from typing import Any, List, Optional

from ._compat import stdlib

__all__ = ["ACTIVE", "Startable", "patch_stopall", "wrap_async_generator"]

#: Started patches, newest last: the stdlib's own list, so that either
#: library's ``patch.stopall()`` stops both libraries' patches, newest first.
ACTIVE = getattr(stdlib._patch, "_active_patches")  # type: List[Any]


def wrap_async_generator(func: Any, entered: Any) -> Any:
    """Decorate an async generator function so it runs inside ``entered(...)``.

    CPython leaves a patch as soon as the generator object is made, before it
    runs (gh-88893).  Async generators have no ``yield from``, so values sent
    in and exceptions thrown in are passed on by hand.
    """

    @functools.wraps(func)
    async def patched(*args: Any, **kwargs: Any) -> Any:
        with entered(patched, args, kwargs) as (args, kwargs):
            generator = func(*args, **kwargs)
            to_send = None  # type: Any
            to_throw = None  # type: Optional[BaseException]
            try:
                while True:
                    try:
                        if to_throw is not None:
                            item = await generator.athrow(to_throw)
                        else:
                            item = await generator.asend(to_send)
                    except StopAsyncIteration:
                        return
                    to_throw = None
                    try:
                        to_send = yield item
                    except GeneratorExit:
                        raise
                    except BaseException as exc:  # thrown in by the caller
                        to_throw = exc
            finally:
                await generator.aclose()

    return patched


class Startable:
    """``start()``/``stop()`` for anything that is a context manager."""

    def __enter__(self) -> Any:
        raise NotImplementedError  # pragma: no cover - abstract: _Patch and _PatchDict define their own

    def __exit__(self, *exc_info: Any) -> Any:
        raise NotImplementedError  # pragma: no cover - abstract: _Patch and _PatchDict define their own

    is_started = False

    def start(self) -> Any:
        """Apply the patch until :meth:`stop` (or ``patch.stopall``)."""
        made = self.__enter__()
        ACTIVE.append(self)
        return made

    def stop(self) -> Any:
        """Undo a patch applied by :meth:`start`; does nothing if not started."""
        try:
            ACTIVE.remove(self)
        except ValueError:
            pass
        if not self.is_started:  # as 3.14: stopping twice is a no-op
            return None
        return self.__exit__(None, None, None)


def patch_stopall() -> None:
    """Stop every patch started with ``start()``, the newest first."""
    for active in reversed(ACTIVE[:]):
        active.stop()
