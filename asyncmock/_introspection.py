"""What an object is, as mocks need to know it: a coroutine function, a wrapped function, a dataclass.

Plain helpers, the same on every interpreter; what differs between
interpreters is in ``_compat``.
"""
import inspect
import sys
import types
from typing import Any, Optional

__all__ = [
    "COROUTINE_CODE",
    "LazyAsyncioMarker",
    "asyncio_marker",
    "dataclass_fields",
    "is_callable",
    "iscoroutinefunction",
    "unwrap_function",
]


async def _async_template(*args: Any, **kwargs: Any) -> None:
    """Source of a real code object flagged as a coroutine function."""

#: A shared, immutable code object that makes a mock look like an
#: ``async def (*args, **kwargs)`` to ``inspect`` (3.10+ accepts function-like
#: objects, bpo-44503 era) and to anything reading ``co_flags``.
COROUTINE_CODE = _async_template.__code__

def asyncio_marker() -> "Optional[object]":
    """asyncio's legacy coroutine-function marker, if asyncio is loaded.

    ``asyncio.iscoroutinefunction`` looks for it (before 3.14 deprecates that
    function).  Read lazily: importing asyncio costs 20-35 ms on 3.6/3.7,
    whose ``unittest.mock`` does not import it, and nothing can carry the
    marker before asyncio is loaded.
    """
    coroutines = sys.modules.get("asyncio.coroutines")
    return getattr(coroutines, "_is_coroutine", None)


class LazyAsyncioMarker:
    """Class attribute giving mocks asyncio's marker, importing asyncio on first use."""

    def __get__(self, obj: Any, owner: Any = None) -> "Optional[object]":
        import asyncio.coroutines

        return getattr(asyncio.coroutines, "_is_coroutine", None)


def iscoroutinefunction(obj: Any) -> bool:
    """True if calling *obj* gives something to await, as the stdlib decides it.

    Uses ``inspect`` (never the deprecated ``asyncio.iscoroutinefunction``),
    our own async mocks' class flag, and asyncio's legacy marker that mocks
    and old decorators carry.
    """
    if inspect.iscoroutinefunction(obj) or getattr(type(obj), "_asyncmock_async", False):
        return True
    marker = asyncio_marker()
    return marker is not None and getattr(obj, "_is_coroutine", None) is marker


def dataclass_fields(spec: Any) -> "Optional[Any]":
    """The fields of the dataclass *spec*, or None.

    3.14 autospecs the fields of a dataclass instance; we do on every
    version (dataclasses exists from 3.7; only loaded modules can define one).
    """
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is None or not isinstance(spec, type) or not dataclasses.is_dataclass(spec):
        return None
    return dataclasses.fields(spec)


def unwrap_function(obj: Any) -> Any:
    """The function under classmethod/staticmethod and ``functools.wraps``."""
    func = getattr(obj, "__func__", obj)
    try:
        return inspect.unwrap(func)
    except ValueError:  # a cycle of __wrapped__: keep what we have
        return func


def is_callable(obj: Any) -> bool:
    """Whether *obj* is called rather than iterated (a side effect, a spec): classes and methods are."""
    if isinstance(obj, type):
        return True
    if isinstance(obj, (staticmethod, classmethod, types.MethodType)):
        return is_callable(obj.__func__)
    return getattr(obj, "__call__", None) is not None
