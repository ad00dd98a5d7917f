"""The mock classes: the stdlib's, with async-aware children and specs.

Each class derives from its ``unittest.mock`` namesake, so ``isinstance``
checks against the stdlib hold; the behaviour is ours, written to the newest
stdlib's (3.15) in the sync half (``_sync``) and the async half (``_async``).
What we add: a spec that is an ``async def`` makes an awaitable mock,
children of spec'd mocks are async exactly where the spec is, and
``MagicMock`` supports ``async with`` and ``async for`` on every version.
"""
import inspect
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar, cast

from ._compat import (
    ALL_MAGICS,
    ASYNC_METHOD_MAGICS,
    CHILD_LOCK,
    SYNC_MAGICS,
    CallList,
    InvalidSpecError,
    MockMixin,
    SpecState,
    StdAsyncMock,
    is_magic,
    stdlib,
)
from ._async import AsyncBehaviour, AsyncRecords, async_state
from ._checks import refuse
from ._features import EXTRA_NAMES, AsyncProtocolShortcuts, AwaitTree
from ._introspection import iscoroutinefunction, unwrap_function
from ._names import dotted_name
from ._records import TYPO_GUARDS
from ._magic import (
    bare_class,
    claim_class,
    magic_names,
    derived_class,
    let_spec_win,
    magics_of,
    new_class,
    public_class,
    rebase,
)
from ._signature import FUNCTION_TYPES, signature_of
from ._sync import CallPath, SyncBehaviour
from ._typos import ASSERTION_TYPOS, DENIED_NAMES, intended_assertion

DEFAULT = stdlib.DEFAULT
_DELETED = stdlib.sentinel.DELETED
#: Names the stdlib reads with getattr before a mock is set up: never children.
_PROBED = frozenset({"_mock_methods", "_mock_unsafe", "_mock_check_sig"})
_M = TypeVar("_M", bound="MockBehaviour")

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


class LazyChild(SpecState):
    """A child kept as a recipe until first accessed (see ``create_autospec``).

    A ``_SpecState``, so stdlib code walking children skips it as it skips its
    own lazy attributes.
    """

    #: Whether the child is sealed when built from a sealed parent.
    sealed_with_parent = False

    def build(self) -> Any:
        """Make the child mock."""
        raise NotImplementedError  # pragma: no cover - abstract: LazySpec, the only LazyChild, overrides it

    def reset_mock(self, *args: Any, **kwargs: Any) -> None:
        """Nothing recorded yet: nothing to reset."""


#: The state the stdlib gives a new mock, read off one: our mocks start from a
#: copy, so whatever a stdlib version keeps per mock, ours have too.
_STATE = dict(stdlib.Mock().__dict__)  # type: Dict[str, Any]
#: Its containers, made anew for each mock.
_FRESH = tuple(
    (key, type(value)) for key, value in _STATE.items() if isinstance(value, (list, dict))
)
#: The four every stdlib has, made inline; any other (``_spec_asyncs``) in a loop.
_COMMON_FRESH = ("_mock_children", "_mock_call_args_list", "_mock_mock_calls", "method_calls")
_OTHER_FRESH = tuple((key, factory) for key, factory in _FRESH if key not in _COMMON_FRESH)
assert len(_FRESH) - len(_OTHER_FRESH) == len(_COMMON_FRESH), "the stdlib's mock state changed"


def fresh_state(state: "Dict[str, Any]") -> None:
    """Fill a new mock's dict with the state a bare stdlib mock has (no name, parent, spec)."""
    state.update(_STATE)
    state["_mock_children"] = {}
    state["_mock_call_args_list"] = CallList()
    state["_mock_mock_calls"] = CallList()
    state["method_calls"] = CallList()
    for key, factory in _OTHER_FRESH:
        state[key] = factory()


#: ``dir(spec)`` from ``__new__``, for ``__init__`` to reuse: (spec, names).
_LAST_DIR = (None, None)  # type: Tuple[Any, Any]


def spec_names(spec: Any, keep: bool = False) -> "List[str]":
    """The attribute names a spec allows: ``dir()`` of it, or the list given.

    With *keep*, the result is kept for the next call on the same spec (from
    ``__new__`` for ``__init__``), which takes it and forgets the spec.
    """
    global _LAST_DIR
    if type(spec) in (list, tuple):
        return spec  # type: ignore[no-any-return]
    last_spec, names = _LAST_DIR
    if last_spec is not spec:
        names = dir(spec)
    _LAST_DIR = (spec, names) if keep else (None, None)
    return names  # type: ignore[no-any-return]


class MockBehaviour(SyncBehaviour, AwaitTree):
    """What all our mocks share: fast creation, async-aware specs and children.

    Creating a mock fills its state from a template instead of running the
    stdlib's ``__init__`` chain, and gives it a class of its own made from a
    cached template (see ``_magic``); the state is the one a stdlib mock of
    this interpreter has, so stdlib code reading it keeps working.
    """

    # 3.6's mocks lack the attribute; the stdlib sets it per instance from 3.7.
    _mock_sealed = False

    def __new__(cls: "Type[_M]", *args: Any, **kwargs: Any) -> _M:
        if "_asyncmock_private" in cls.__dict__:
            # ``type(mock)()``, or a copy: as the stdlib, a new class under it.
            return object.__new__(derived_class(cls))
        if not args and not kwargs:  # the common case, first
            return object.__new__(bare_class(cls))
        spec = kwargs.get("spec_set")
        if spec is None:
            spec = kwargs.get("spec")
            if spec is None and args:
                spec = args[0]
        is_async = not issubclass(cls, AsyncBehaviour) and (
            spec is not None and is_async_obj(spec)
        )
        methods = None
        if spec is not None and issubclass(cls, stdlib.MagicMixin):
            methods = spec_names(spec, keep=True)
        return object.__new__(new_class(cls, is_async, magic_names(cls, methods)))

    def __init__(
        self, spec: Any = None, side_effect: Any = None, return_value: Any = DEFAULT,
        wraps: Any = None, name: "Optional[str]" = None, spec_set: Any = None,
        parent: Any = None, _spec_state: Any = None, _new_name: str = "",
        _new_parent: Any = None, _spec_as_instance: bool = False,
        _eat_self: "Optional[bool]" = None, unsafe: bool = False, **kwargs: Any
    ) -> None:
        init_state(
            self, spec, wraps, name, spec_set, parent, _new_name, _new_parent,
            _spec_as_instance, _eat_self, unsafe,
        )
        self.__dict__["_mock_return_value"] = return_value
        if kwargs:
            self.configure_mock(**kwargs)
        if side_effect is not None:
            self.side_effect = side_effect

    def _mock_add_spec(
        self, spec: Any, spec_set: Any, _spec_as_instance: bool = False,
        _eat_self: bool = False,
    ) -> None:
        if spec is not None and is_mock(spec):
            raise InvalidSpecError("Cannot spec a Mock object. [object=%r]" % (spec,))
        spec_class = signature = kept = None
        if spec is not None and type(spec) not in (list, tuple):
            spec_class = spec if isinstance(spec, type) else type(spec)
            found = signature_of(spec, _spec_as_instance, _eat_self)
            signature = found[1] if found is not None else None
            kept = spec
            spec = spec_names(spec)
        state = self.__dict__
        state["_spec_class"] = spec_class
        state["_spec_set"] = spec_set
        state["_spec_signature"] = signature
        state["_mock_methods"] = spec
        state["_asyncmock_spec"] = kept
        state["_asyncmock_spec_names"] = names = None if spec is None else frozenset(spec)
        # A spec always wins over asyncmock's own names (a Pool's wait_timeout).
        clash = EXTRA_NAMES.intersection(names) if names else frozenset()
        if clash or "_asyncmock_spec_won" in type(self).__dict__:  # (a new spec may drop some)
            let_spec_win(self, clash)
        # An instance's own attributes may be replaced after the mock is made;
        # as the stdlib, whether each is async is taken now (a class's
        # attributes are looked up when the child is made, at less cost).
        own = None if isinstance(kept, type) else getattr(kept, "__dict__", None)
        state["_asyncmock_spec_asyncs"] = (
            frozenset(name for name, value in own.items() if is_async_attribute(kept, name))
            if isinstance(own, dict) and own else None
        )
        if (
            isinstance(kept, FUNCTION_TYPES) and not isinstance(self, AsyncRecords)
            and hasattr(kept, "__code__")  # not a bound builtin
        ):
            # The spec's own code object: without it, inspect reads the flags
            # off a child mock and calls a sync spec a coroutine function
            # (gh-85794), or fails on a plain Mock.
            state["__code__"] = kept.__code__
        if "_spec_asyncs" in _STATE:
            # Async attributes are found when their child is made instead.
            state["_spec_asyncs"] = []

    def _mock_set_magics(self) -> None:
        """After a new spec: keep exactly the magic methods it allows."""
        wanted = magic_names(public_class(type(self)), self._mock_methods)
        children = self._mock_children
        for name in [name for name in children if name in ALL_MAGICS]:
            if name not in wanted:
                del children[name]
                self.__dict__.pop(name, None)
            elif children[name] is _DELETED:
                del children[name]  # deleted before, allowed again: as new
        if wanted != magics_of(type(self)):
            rebase(self, wanted)

    def _get_child_mock(self, **kwargs: Any) -> Any:
        """Make a child: async where the spec (or an async parent) says so."""
        if self._mock_sealed:
            attribute = "." + kwargs["name"] if "name" in kwargs else "()"
            raise AttributeError(dotted_name(self) + attribute)
        klass = child_class(self, kwargs.get("_new_name"))
        if issubclass(klass, AsyncBehaviour) and isinstance(self, AsyncRecords):
            # Async children inherit how awaits behave and how long to wait.
            state = self.__dict__
            if state["_asyncmock_delay"] is not None:
                kwargs.setdefault("await_delay", state["_asyncmock_delay"])
            if "_asyncmock_wait_timeout" in state:
                kwargs.setdefault("wait_timeout", state["_asyncmock_wait_timeout"])
            if state.get("_asyncmock_sync_results"):
                kwargs.setdefault("sync_results", True)
        return klass(**kwargs)

    def reset_mock(
        self, visited: Any = None, *, return_value: bool = False, side_effect: bool = False
    ) -> None:
        """Forget all calls, here and in children; optionally the configuration too.

        As the newest CPython (3.13+; earlier versions did not pass *return_value* and
        *side_effect* on to children): magic methods keep their return values.
        """
        if visited is not None and not isinstance(visited, list):
            raise TypeError(
                "reset_mock() got an unexpected positional argument %r; "
                "use return_value=True or side_effect=True" % (visited,)
            )
        visited = [] if visited is None else visited
        if id(self) in visited:
            return
        visited.append(id(self))
        state = self.__dict__
        if state["_mock_delegate"] is not None:
            # A function copy's records live on the function (the stdlib's
            # delegating properties): reset them there.
            self.called = False
            self.call_args = None
            self.call_count = 0
            self.call_args_list = CallList()
        state["_mock_called"] = False
        state["_mock_call_args"] = None
        state["_mock_call_count"] = 0
        if "_asyncmock_call_offset" in state:  # async mocks count their list instead
            state["_asyncmock_call_offset"] = 0
        state["_mock_call_args_list"] = CallList()
        state["_mock_mock_calls"] = CallList()
        state["method_calls"] = CallList()
        name = state.get("_mock_name")
        if return_value and not (name and is_magic(name)):
            state["_mock_return_value"] = DEFAULT
        if side_effect:
            state["_mock_side_effect"] = None
        for child in state["_mock_children"].values():
            if isinstance(child, SpecState) or child is _DELETED:
                continue
            child.reset_mock(visited, return_value=return_value, side_effect=side_effect)
        returned = state["_mock_return_value"]
        if is_mock(returned) and returned is not self:
            returned.reset_mock(visited)

    def _get_call_signature_from_name(self, name: str) -> Any:
        """The signature of the child a call's dotted name reaches (for matching).

        The stdlib walks children made eagerly; ours are made on first use,
        so a method child not made yet is made now, as access would.
        """
        if not name:
            return self._spec_signature
        sig = None
        node = self
        for part in name.replace("()", "").split("."):
            child = node._mock_children.get(part)
            if isinstance(child, LazyChild) and child.sealed_with_parent:
                child = getattr(node, part)
            if child is None or isinstance(child, SpecState) or child is _DELETED:
                break
            # An attached function copy of the stdlib's: its mock holds the records.
            node = cast(Any, child).mock if type(child) in FUNCTION_TYPES else child
            sig = node._spec_signature
        return sig

    def __getattr__(self, name: str) -> Any:
        state = self.__dict__
        children = state.get("_mock_children")
        if children is None or name in _PROBED:  # not set up yet, or the stdlib probing
            raise AttributeError(name)
        child = children.get(name)
        if isinstance(child, stdlib.NonCallableMock) and name not in ALL_MAGICS:
            # An existing child, which the checks below let through when it
            # was made: skip them (a set lookup, not the stdlib's list scan).
            names = state.get("_asyncmock_spec_names")
            if names is None or name in names:
                return child
        # An autospecced method not built yet: the stdlib's is on the instance
        # from the start, so no later spec hides it.
        method = isinstance(child, LazyChild) and child.sealed_with_parent
        methods = state["_mock_methods"]
        if methods is not None and not method:
            if name not in methods or name in ALL_MAGICS:
                raise AttributeError("Mock object has no attribute %r" % name)
        elif is_magic(name):
            raise AttributeError(name)
        if not state["_mock_unsafe"] and not methods:
            if name.startswith(ASSERTION_TYPOS) or name in DENIED_NAMES:
                raise AttributeError(
                    "%r is not a valid assertion. Use a spec for the mock if %r is meant "
                    "to be an attribute" % (name, name)
                )
            if TYPO_GUARDS and child is None:
                _refuse_misspelt_assertion(name)
        with CHILD_LOCK:  # another thread may have made it meanwhile: look again
            child = children.get(name)
            if child is _DELETED:
                raise AttributeError(name)
            if child is None:
                wrapped = state["_mock_wraps"]
                child = self._get_child_mock(
                    parent=self, name=name, wraps=None if wrapped is None else getattr(wrapped, name),
                    _new_name=name, _new_parent=self,
                )
                children[name] = child
            elif isinstance(child, LazyChild):
                method = child.sealed_with_parent
                child = children[name] = self._build_lazy(name, child)
                if method:
                    state[name] = child  # on the instance, as the stdlib's
        return child

    def _build_lazy(self, name: str, recipe: "LazyChild") -> Any:
        """Make the autospecced child *recipe* describes (see ``create_autospec``)."""
        try:
            built = recipe.build()
        except InvalidSpecError:
            target = self.__dict__["_mock_name"] or self
            raise InvalidSpecError(
                "Cannot autospec attr %r from target %r as it has already been "
                "mocked out. [target=%r, attr=%r]" % (name, target, self, recipe.spec)
            ) from None
        if self._mock_sealed and recipe.sealed_with_parent:
            seal(built)
        return built


def _refuse_misspelt_assertion(name: str) -> None:
    """Strict mode: refuse a new attribute that looks like a misspelt assertion (or note it, when it only reports)."""
    intended = intended_assertion(name)
    if intended is not None:
        guard = TYPO_GUARDS[-1]
        if isinstance(guard, list):  # report only
            guard.append((name, intended))
            return
        raise AttributeError(
            "%r looks like a misspelling of %r, which asyncmock strict mode refuses. Use a "
            "spec for the mock, or unsafe=True, if %r is meant to be an attribute"
            % (name, intended, name)
        )


class NonCallableInit(MockMixin):
    """The constructor of the non-callable mocks (no side_effect, no return_value)."""

    def __init__(
        self, spec: Any = None, wraps: Any = None, name: "Optional[str]" = None,
        spec_set: Any = None, parent: Any = None, _spec_state: Any = None,
        _new_name: str = "", _new_parent: Any = None, _spec_as_instance: bool = False,
        _eat_self: "Optional[bool]" = None, unsafe: bool = False, **kwargs: Any
    ) -> None:
        init_state(
            self, spec, wraps, name, spec_set, parent, _new_name, _new_parent,
            _spec_as_instance, _eat_self, unsafe,
        )
        if kwargs:
            self.configure_mock(**kwargs)


def init_state(
    mock: Any, spec: Any, wraps: Any, name: "Optional[str]", spec_set: Any, parent: Any,
    new_name: str, new_parent: Any, spec_as_instance: bool, eat_self: "Optional[bool]",
    unsafe: bool,
) -> None:
    """Give a new mock the state the stdlib's constructors would."""
    state = mock.__dict__
    fresh_state(state)
    state["_mock_parent"] = parent
    state["_mock_name"] = name
    state["_mock_new_name"] = new_name
    state["_mock_new_parent"] = parent if new_parent is None else new_parent
    state["_mock_wraps"] = wraps
    state["_mock_unsafe"] = unsafe
    if spec_set is not None:
        spec, spec_set = spec_set, True
    if spec is not None:
        mock._mock_add_spec(
            spec, spec_set, spec_as_instance, parent is not None if eat_self is None else eat_self
        )
    claim_class(mock)


def child_class(parent: Any, new_name: "Optional[str]") -> Any:
    """The class of *parent*'s child called *new_name* (``'()'``: its return value)."""
    state = parent.__dict__
    spec = state.get("_asyncmock_spec")
    own_asyncs = state.get("_asyncmock_spec_asyncs")
    if own_asyncs is not None and new_name in spec.__dict__:
        if new_name in own_asyncs:
            return AsyncMock
    elif (
        spec is not None and new_name and new_name in state["_asyncmock_spec_names"]
        and is_async_attribute(spec, new_name)
    ):
        # As the stdlib: only what the spec had when it was given counts.
        return AsyncMock
    if new_name == "()" and parent.__dict__.get("_asyncmock_sync_results"):
        return MagicMock  # what awaiting gives is a plain, synchronous object
    if new_name in ASYNC_METHOD_MAGICS and isinstance(parent, stdlib.MagicMock):
        return AsyncMock  # (a NonCallableMagicMock's stay sync, as in the stdlib)
    if isinstance(parent, AsyncRecords):
        methods = parent._mock_methods
        if new_name in SYNC_MAGICS or (methods and new_name in methods):
            return MagicMock
        return AsyncMagicMock if isinstance(parent, AsyncMagicMock) else AsyncMock
    if not isinstance(parent, stdlib.CallableMixin):
        if isinstance(parent, stdlib.NonCallableMagicMock):
            return MagicMock
        return Mock
    return public_class(type(parent))


class NonCallableMock(NonCallableInit, MockBehaviour, stdlib.NonCallableMock):
    """A non-callable ``Mock`` whose async-spec'd attributes are awaitable."""


class Mock(NonCallableMock, CallPath, stdlib.Mock):
    """``unittest.mock.Mock`` made async-aware; ``Mock(spec=async_fn)`` is awaitable."""

    __init__ = MockBehaviour.__init__


class NonCallableMagicMock(NonCallableMock, AsyncProtocolShortcuts, stdlib.NonCallableMagicMock):
    """``unittest.mock.NonCallableMagicMock``, async-aware where its spec is."""


class MagicMock(Mock, AsyncProtocolShortcuts, stdlib.MagicMock):
    """``unittest.mock.MagicMock`` with ``async with`` and ``async for`` on every version."""


class AsyncMock(AsyncBehaviour, Mock, AsyncProtocolShortcuts, StdAsyncMock):
    """A mock whose calls return coroutines; records awaits and asserts on them.

    Behaves as the newest CPython's ``unittest.mock.AsyncMock`` (of which it
    is a subclass on 3.8+): awaiting a call gives ``return_value``, raises or
    returns from ``side_effect``, or awaits ``wraps``.  Calls are recorded when
    made; ``await_count``, ``await_args`` and ``await_args_list`` when awaited.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not args and not kwargs:
            # AsyncMock(): a bare mock's state, made inline (creation is a benchmark).
            state = self.__dict__
            fresh_state(state)
            async_state(state)
            claim_class(self)
            return
        AsyncBehaviour.__init__(self, *args, **kwargs)


class AsyncMagicMock(AsyncMock, MagicMock):
    """An :class:`AsyncMock` that is also a :class:`MagicMock`."""


class PropertyMock(Mock, stdlib.PropertyMock):
    """``unittest.mock.PropertyMock`` whose children are our ``MagicMock``."""

    def _get_child_mock(self, **kwargs: Any) -> Any:
        return MagicMock(**kwargs)


def mock_open(mock: Any = None, read_data: Any = "") -> Any:
    """``unittest.mock.mock_open`` as CPython 3.15 has it, building on our ``MagicMock``.

    The interpreter's own ``mock_open`` is not used: before 3.15 it differs
    from the newest in some part (see ``_mock_open``).
    """
    if mock is not None and not is_mock(mock):
        refuse("mock_open() mock", "a mock or None", mock)
    if not isinstance(read_data, (str, bytes)):
        refuse("mock_open() read_data", "a str or bytes", read_data)
    from . import _mock_open  # on first use: most suites never mock open()

    return _mock_open.mock_open(mock, read_data, MagicMock)


def seal(mock: Any) -> None:
    """Stop *mock* and the children it made from creating new attributes.

    As the newest CPython (3.13+): children created by the mock are sealed too; mocks
    assigned from elsewhere, and autospec attributes not yet used, are not.
    """
    if not is_mock(mock):
        refuse("seal() mock", "a mock", mock)
    mock.__dict__["_mock_sealed"] = True
    for attr in dir(mock):
        child = mock._mock_children.get(attr)
        if isinstance(child, SpecState):
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
