"""The mock classes: the stdlib's, with async-aware children and specs.

Each class derives from its ``unittest.mock`` namesake, so ``isinstance``
checks against the stdlib hold and the sync behaviour is the stdlib's own.
What we add: a spec that is an ``async def`` makes an awaitable mock,
children of spec'd mocks are async exactly where the spec is, and
``MagicMock`` supports ``async with`` and ``async for`` on every version.
"""
import inspect
from typing import Any, Optional, Type

from ._backport import AsyncMagicSupport, SetattrBackport
from ._compat import (
    ASYNC_METHOD_MAGICS,
    SYNC_MAGICS,
    InvalidSpecError,
    StdAsyncMock,
    iscoroutinefunction,
    stdlib,
    unwrap_function,
)
from ._core import AsyncBehaviour, dotted_name

DEFAULT = stdlib.DEFAULT
_CallList = stdlib._CallList
_DELETED = stdlib.sentinel.DELETED

__all__ = [
    "AsyncMagicMock",
    "AsyncMock",
    "MagicMock",
    "Mock",
    "NonCallableMagicMock",
    "NonCallableMock",
    "PropertyMock",
    "is_async_obj",
    "mock_open",
    "seal",
]


def is_mock(obj: Any) -> bool:
    """True for any mock, ours or the stdlib's."""
    return isinstance(obj, stdlib.NonCallableMock)


def is_async_obj(obj: Any) -> bool:
    """True if *obj*, used as a spec or patch target, calls for an awaitable mock."""
    if is_mock(obj):
        return isinstance(obj, AsyncBehaviour) or (
            StdAsyncMock is not None and isinstance(obj, StdAsyncMock)
        )
    func = getattr(obj, "__func__", obj)
    return iscoroutinefunction(func) or inspect.isawaitable(func)


def is_async_attribute(spec: Any, name: str) -> bool:
    """True if *name* on *spec* is an ``async def``, found without running code."""
    static = inspect.getattr_static(spec, name, None)
    return static is not None and iscoroutinefunction(unwrap_function(static))


class LazyChild(stdlib._SpecState):
    """A child kept as a recipe until first accessed (see ``create_autospec``).

    A ``_SpecState``, so stdlib code walking children skips it as it skips its
    own lazy attributes.
    """

    #: Whether the child is sealed when built from a sealed parent.
    sealed_with_parent = False

    def build(self) -> Any:
        """Make the child mock."""
        raise NotImplementedError

    def reset_mock(self, *args: Any, **kwargs: Any) -> None:
        """Nothing recorded yet: nothing to reset."""


class MockBehaviour(stdlib.Base):
    """What all our mocks share: async detection for specs and children, seal."""

    # 3.6's mocks lack the attribute; the stdlib sets it per instance from 3.7.
    _mock_sealed = False

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # Like the stdlib, each mock gets its own class so that magic methods
        # and signatures can be set on it without touching other mocks.
        bases = (cls,)  # type: tuple
        if not issubclass(cls, AsyncBehaviour):
            spec = kwargs.get("spec_set") or kwargs.get("spec")
            if spec is None and args:
                spec = args[0]
            if spec is not None and is_async_obj(spec):
                bases = (AsyncBehaviour, cls)
        new = type(cls.__name__, bases, {"__doc__": cls.__doc__})
        return object.__new__(new)

    def _mock_add_spec(
        self, spec: Any, spec_set: Any, _spec_as_instance: bool = False,
        _eat_self: bool = False,
    ) -> None:
        if spec is not None and is_mock(spec):
            raise InvalidSpecError("Cannot spec a Mock object. [object=%r]" % (spec,))
        kept = spec if spec is not None and type(spec) not in (list, tuple) else None
        self.__dict__["_asyncmock_spec"] = kept
        super()._mock_add_spec(  # type: ignore
            spec, spec_set, _spec_as_instance, _eat_self
        )

    def _get_child_mock(self, **kwargs: Any) -> Any:
        """Make a child: async where the spec (or an async parent) says so."""
        if self._mock_sealed:
            attribute = "." + kwargs["name"] if "name" in kwargs else "()"
            raise AttributeError(dotted_name(self) + attribute)
        return child_class(self, kwargs.get("_new_name"))(**kwargs)

    def reset_mock(  # type: ignore
        self, visited: Any = None, *, return_value: bool = False, side_effect: bool = False
    ) -> None:
        """Forget all calls, here and in children; optionally the configuration too.

        As CPython 3.13 (earlier versions did not pass *return_value* and
        *side_effect* on to children): magic methods keep their return values.
        """
        visited = [] if visited is None else visited
        if id(self) in visited:
            return
        visited.append(id(self))
        state = self.__dict__
        state["_mock_called"] = False
        state["_mock_call_args"] = None
        state["_mock_call_count"] = 0
        state["_mock_call_args_list"] = _CallList()
        state["_mock_mock_calls"] = _CallList()
        state["method_calls"] = _CallList()
        name = state.get("_mock_name")
        if return_value and not (name and stdlib._is_magic(name)):
            state["_mock_return_value"] = DEFAULT
        if side_effect:
            state["_mock_side_effect"] = None
        for child in state["_mock_children"].values():
            if isinstance(child, stdlib._SpecState) or child is _DELETED:
                continue
            child.reset_mock(visited, return_value=return_value, side_effect=side_effect)
        returned = state["_mock_return_value"]
        if is_mock(returned) and returned is not self:
            returned.reset_mock(visited)

    def __getattr__(self, name: str) -> Any:
        children = self.__dict__.get("_mock_children")
        if children is not None:
            child = children.get(name)
            if isinstance(child, LazyChild):
                built = child.build()
                children[name] = built
                if self._mock_sealed and child.sealed_with_parent:
                    seal(built)
                return built
        return super().__getattr__(name)  # type: ignore


def child_class(parent: Any, new_name: Optional[str]) -> Type[Any]:
    """The class of *parent*'s child called *new_name* (``'()'``: its return value)."""
    spec = parent.__dict__.get("_asyncmock_spec")
    if spec is not None and new_name and is_async_attribute(spec, new_name):
        return AsyncMock
    if new_name in ASYNC_METHOD_MAGICS and isinstance(parent, stdlib.MagicMixin):
        return AsyncMock
    if isinstance(parent, AsyncBehaviour):
        methods = parent._mock_methods
        if new_name in SYNC_MAGICS or (methods and new_name in methods):
            return MagicMock
        return AsyncMagicMock if isinstance(parent, AsyncMagicMock) else AsyncMock
    if not isinstance(parent, stdlib.CallableMixin):
        if isinstance(parent, stdlib.NonCallableMagicMock):
            return MagicMock
        return Mock
    # The class the user instantiated (below it sits the per-instance class).
    return type(parent).__mro__[1]


class NonCallableMock(MockBehaviour, SetattrBackport, stdlib.NonCallableMock):
    """A non-callable ``Mock`` whose async-spec'd attributes are awaitable."""


class Mock(MockBehaviour, SetattrBackport, stdlib.Mock):
    """``unittest.mock.Mock`` made async-aware; ``Mock(spec=async_fn)`` is awaitable."""


class NonCallableMagicMock(
    MockBehaviour, AsyncMagicSupport, SetattrBackport, stdlib.NonCallableMagicMock
):
    """A non-callable ``MagicMock`` with async magic methods on every version."""


class MagicMock(MockBehaviour, AsyncMagicSupport, SetattrBackport, stdlib.MagicMock):
    """``unittest.mock.MagicMock`` with ``async with`` and ``async for`` on every version."""


class AsyncMock(
    AsyncBehaviour, MockBehaviour, AsyncMagicSupport, SetattrBackport, StdAsyncMock
):
    """A mock whose calls return coroutines; records awaits and asserts on them.

    Behaves as CPython 3.13's ``unittest.mock.AsyncMock`` (of which it is a
    subclass on 3.8+): awaiting a call gives ``return_value``, raises or
    returns from ``side_effect``, or awaits ``wraps``.  Calls are recorded when
    made; ``await_count``, ``await_args`` and ``await_args_list`` when awaited.
    """


class AsyncMagicMock(
    AsyncBehaviour, MockBehaviour, AsyncMagicSupport, SetattrBackport, stdlib.MagicMock
):
    """An :class:`AsyncMock` that is also a ``unittest.mock.MagicMock``."""


class PropertyMock(stdlib.PropertyMock):
    """``unittest.mock.PropertyMock`` whose children are our ``MagicMock``."""

    def _get_child_mock(self, **kwargs: Any) -> Any:
        return MagicMock(**kwargs)


def mock_open(mock: Any = None, read_data: Any = "") -> Any:
    """``unittest.mock.mock_open``, building on our ``MagicMock``."""
    if mock is None:
        mock = MagicMock(name="open", spec=open)
    return stdlib.mock_open(mock, read_data)


def seal(mock: Any) -> None:
    """Stop *mock* and the children it made from creating new attributes.

    As CPython 3.13: children created by the mock are sealed too; mocks
    assigned from elsewhere, and autospec attributes not yet used, are not.
    """
    mock.__dict__["_mock_sealed"] = True
    for attr in dir(mock):
        child = mock._mock_children.get(attr)
        if isinstance(child, stdlib._SpecState):
            continue  # not built yet: sealed (or not) when built
        try:
            value = getattr(mock, attr)
        except AttributeError:
            continue
        if is_mock(value) and value._mock_new_parent is mock:
            seal(value)


for _public in (
    AsyncMagicMock, AsyncMock, MagicMock, Mock, NonCallableMagicMock,
    NonCallableMock, PropertyMock, mock_open, seal,
):
    _public.__module__ = "asyncmock"
