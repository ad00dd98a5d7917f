"""What bench.py measures: the specs, the floor and the await loops.

Kept apart from the harness so a scenario reads as plain code; ``Big`` is the
issue's class with 100 async and 100 sync methods.
"""
from typing import Any, Callable, Dict

TOUCHED = ("async_0", "async_1", "async_2", "sync_0", "sync_1")  # scenario 5c


class Service:
    """Spec of scenario 2: a small class with async and sync methods."""

    async def method(self, x: Any, k: Any = None) -> None:
        return None

    async def fetch(self, url: str) -> bytes:
        return b""

    def close(self) -> None:
        return None


async def bare(x: Any, k: Any = None) -> None:
    """The floor of scenarios 1 and 7: an ``async def`` that records nothing."""
    return None


def _async_method(name: str) -> Callable[..., Any]:
    async def method(self: Any, x: Any, y: Any = None, *args: Any, **kwargs: Any) -> Any:
        return x

    method.__name__ = method.__qualname__ = name
    return method


def _sync_method(name: str) -> Callable[..., Any]:
    def method(self: Any, x: Any, y: Any = None, *args: Any, **kwargs: Any) -> Any:
        return x

    method.__name__ = method.__qualname__ = name
    return method


def make_big(count: int = 100) -> type:
    """``Big``: *count* async and *count* sync methods (scenarios 4 and 5)."""
    namespace = {}  # type: Dict[str, Any]
    for i in range(count):
        namespace["async_%d" % i] = _async_method("async_%d" % i)
        namespace["sync_%d" % i] = _sync_method("sync_%d" % i)
    return type("Big", (), namespace)


Big = make_big()


async def await_plain(target: Any, n: int) -> None:
    for i in range(n):
        await target(i, k=i)


async def await_child(parent: Any, n: int) -> None:
    for i in range(n):
        await parent.method(i, k=i)


def async_magic_mock(module: Any) -> Any:
    """The stdlib and ``mock`` have no AsyncMagicMock: their AsyncMock stands in."""
    return getattr(module, "AsyncMagicMock", module.AsyncMock)


def autospec_and_touch(module: Any) -> None:
    spec = module.create_autospec(Big, instance=True)
    for name in TOUCHED:
        getattr(spec, name)
