"""What ``unittest.mock`` lacks before 3.8, added to our mocks.

Before 3.8 the stdlib knows nothing of ``__aenter__``, ``__aexit__``,
``__aiter__`` and ``__anext__``: these mixins add them to our magic mocks with
3.13's defaults, and on 3.6 make a sealed mock refuse new attributes.  On 3.8+
both mixins are empty and the stdlib does the work.  Deleting this module (and
its imports) is the whole job of dropping 3.7.
"""
from typing import Any, Iterator

from ._compat import (
    ASYNC_MAGICS,
    STDLIB_HAS_SEAL,
    STDLIB_KNOWS_ASYNC_MAGICS,
    MockMixin,
    allowed_names,
    check_and_set_parent,
    stdlib,
)
from ._names import dotted_name

__all__ = ["AsyncIterator", "SetattrBackport", "configure_async_magic"]


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

    def configure_async_magic(method: Any, name: str) -> None:
        """Nothing to do: the stdlib configures async magic methods itself."""

    class SetattrBackport(MockMixin):
        """Nothing to add: the stdlib accepts async magic methods itself."""

else:  # pragma: no cover - 3.6 and 3.7 only

    def configure_async_magic(method: Any, name: str) -> None:
        """Give a new async magic method the defaults 3.8+ gives it."""
        if name == "__aexit__":
            method.return_value = False
        elif name == "__aiter__":
            method.side_effect = _aiter_side_effect(method)

    class SetattrBackport(MockMixin):  # type: ignore[no-redef]
        """Lets async magic methods be set, as the stdlib allows from 3.8."""

        def __setattr__(self, name: str, value: Any) -> None:
            if (
                not STDLIB_HAS_SEAL
                and name not in allowed_names
                and self._mock_sealed
                and not hasattr(self, name)
            ):
                raise AttributeError("Cannot set %s.%s" % (dotted_name(self), name))
            if name not in ASYNC_MAGICS:
                return super().__setattr__(name, value)
            methods = self._mock_methods
            if methods is not None and name not in methods:
                raise AttributeError("Mock object has no attribute '%s'" % name)
            if isinstance(value, stdlib.NonCallableMock):
                check_and_set_parent(self, value, None, name)
                setattr(type(self), name, value)
                self._mock_children[name] = value
            else:
                function = value

                def method(mock_self: Any, *args: Any, **kwargs: Any) -> Any:
                    return function(mock_self, *args, **kwargs)

                method.__name__ = name
                setattr(type(self), name, method)
                value = lambda *args, **kw: function(self, *args, **kw)  # noqa: E731
            object.__setattr__(self, name, value)

        def __delattr__(self, name: str) -> None:
            if name in ASYNC_MAGICS and name in type(self).__dict__:
                delattr(type(self), name)
            super().__delattr__(name)
