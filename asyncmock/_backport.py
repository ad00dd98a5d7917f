"""What ``unittest.mock`` lacks before 3.8, added to our mocks.

Before 3.8 the stdlib knows nothing of ``__aenter__``, ``__aexit__``,
``__aiter__`` and ``__anext__``: these mixins add them to our magic mocks with
3.13's defaults, and on 3.6 make a sealed mock refuse new attributes.  On 3.8+
both mixins are empty and the stdlib does the work.  Deleting this module (and
its imports) is the whole job of dropping 3.7.
"""
from typing import Any, Iterator

from ._compat import ASYNC_MAGICS, STDLIB_HAS_SEAL, STDLIB_KNOWS_ASYNC_MAGICS, stdlib
from ._core import dotted_name

__all__ = ["AsyncIterator", "AsyncMagicSupport", "SetattrBackport"]


class AsyncIterator:
    """The async iterator that ``async for`` over a magic mock walks."""

    def __init__(self, iterator: Iterator[Any]) -> None:
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


class _AsyncMagicProxy(stdlib.Base):
    """Creates an async magic method's mock on first use, as the stdlib's proxy does."""

    def __init__(self, name: str, parent: Any) -> None:
        self.name = name
        self.parent = parent

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        name, parent = self.name, self.parent
        method = parent._get_child_mock(name=name, _new_name=name, _new_parent=parent)
        setattr(parent, name, method)
        if name == "__aexit__":
            method.return_value = False
        elif name == "__aiter__":
            method.side_effect = _aiter_side_effect(method)
        return method


if STDLIB_KNOWS_ASYNC_MAGICS:

    class AsyncMagicSupport(stdlib.Base):
        """Nothing to add: the stdlib sets up async magic methods itself."""

    class SetattrBackport(stdlib.Base):
        """Nothing to add: the stdlib accepts async magic methods itself."""

else:  # pragma: no cover - 3.6 and 3.7 only

    class AsyncMagicSupport(stdlib.Base):  # type: ignore
        """Adds the async magic methods next to the stdlib's sync ones."""

        def _mock_set_magics(self) -> None:
            super()._mock_set_magics()  # type: ignore
            names = set(ASYNC_MAGICS)
            methods = getattr(self, "_mock_methods", None)
            own = type(self).__dict__
            if methods is not None:
                for name in names.difference(methods):
                    if name in own:
                        delattr(type(self), name)
                names.intersection_update(methods)
            for name in names.difference(own):
                setattr(type(self), name, _AsyncMagicProxy(name, self))

    class SetattrBackport(stdlib.Base):  # type: ignore
        """Lets async magic methods be set, as the stdlib allows from 3.8."""

        def __setattr__(self, name: str, value: Any) -> None:
            if (
                not STDLIB_HAS_SEAL
                and name not in stdlib._allowed_names
                and self._mock_sealed  # type: ignore
                and not hasattr(self, name)
            ):
                raise AttributeError("Cannot set %s.%s" % (dotted_name(self), name))
            if name not in ASYNC_MAGICS:
                return super().__setattr__(name, value)  # type: ignore
            methods = self._mock_methods  # type: ignore
            if methods is not None and name not in methods:
                raise AttributeError("Mock object has no attribute '%s'" % name)
            if isinstance(value, stdlib.NonCallableMock):
                stdlib._check_and_set_parent(self, value, None, name)
                setattr(type(self), name, value)
                self._mock_children[name] = value  # type: ignore
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
                self._mock_children.pop(name, None)  # type: ignore
                self.__dict__.pop(name, None)
                return
            super().__delattr__(name)  # type: ignore
