"""What ``unittest.mock`` lacks before 3.8, added to our mocks.

Before 3.8 the stdlib knows nothing of ``__aenter__``, ``__aexit__``,
``__aiter__``, ``__anext__`` and ``__fspath__``: their defaults are set here,
as the newest stdlib sets them.  On 3.8+ the stdlib does the work.  Deleting
this module (and its import) is the whole job of dropping 3.7.
"""
from typing import Any, Iterator

from ._compat import STDLIB_KNOWS_ASYNC_MAGICS, stdlib
from ._names import dotted_name

__all__ = ["AsyncIterator", "configure_new_magic"]


class AsyncIterator:
    """The async iterator that ``async for`` over a magic mock walks."""

    def __init__(self, iterator: "Iterator[Any]") -> None:
        self.iterator = iterator

    def __aiter__(self) -> "AsyncIterator":
        return self

    async def __anext__(self) -> Any:
        try:
            return next(self.iterator)
        except StopIteration:
            raise StopAsyncIteration


def _aiter_side_effect(aiter_mock: Any) -> Any:
    """``__aiter__``: iterate over its ``return_value`` (empty by default)."""
    def __aiter__(*args: Any, **kwargs: Any) -> AsyncIterator:
        items = aiter_mock._mock_return_value
        return AsyncIterator(iter([] if items is stdlib.DEFAULT else items))
    return __aiter__


if STDLIB_KNOWS_ASYNC_MAGICS:

    def configure_new_magic(mock: Any, method: Any, name: str) -> None:
        """Nothing to do: the stdlib configures every magic method itself."""

else:  # pragma: no cover - 3.6 and 3.7 only

    def configure_new_magic(mock: Any, method: Any, name: str) -> None:
        """Give a magic method 3.8 added the defaults the newest stdlib gives it."""
        if name == "__aexit__":
            method.return_value = False
        elif name == "__aiter__":
            method.side_effect = _aiter_side_effect(method)
        elif name == "__fspath__":
            method.return_value = "%s/%s/%s" % (type(mock).__name__, dotted_name(mock), id(mock))
