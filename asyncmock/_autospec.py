"""``create_autospec``: mocks that check signatures and know which calls are async.

Attributes are mocked lazily, on first access, from a record of what the spec
holds; through the public API nothing tells this apart from eager creation.
A function spec gives an :class:`AutospecFunction`, which records its call the
moment it is made, also for ``async def`` (CPython records those only when
awaited, gh-137594), and is never taken for a coroutine function when the
spec is sync (gh-85794).
"""
import inspect
import types
from typing import Any, Dict, List, Optional, Tuple

from ._compat import InvalidSpecError, is_magic, set_signature, stdlib
from ._introspection import (
    COROUTINE_CODE, LazyAsyncioMarker, dataclass_fields, is_callable, iscoroutinefunction,
)
from ._features import EXTRA_NAMES
from ._mocks import AsyncMock, LazyChild, MagicMock, NonCallableMagicMock, is_mock
from ._signature import FUNCTION_TYPES, check_signature, check_spec_typos, signature_of

__all__ = ["AutospecFunction", "create_autospec", "instances_callable"]

DEFAULT = stdlib.DEFAULT
_MISSING = object()


def _plain_function() -> None:
    """A real function: what ``AutospecFunction`` answers for a function's own attributes."""


#: The attributes the stdlib's autospecced ``async def`` has beyond a plain
#: function's: its mock, records and assertions, reached through ours.
FUNCTION_MOCK_NAMES = frozenset({
    "_mock_children", "assert_any_await", "assert_any_call", "assert_awaited",
    "assert_awaited_once", "assert_awaited_once_with", "assert_awaited_with", "assert_called",
    "assert_called_once", "assert_called_once_with", "assert_called_with", "assert_has_awaits",
    "assert_has_calls", "assert_not_awaited", "assert_not_called", "await_args",
    "await_args_list", "await_count", "call_args", "call_args_list", "call_count", "called",
    "method_calls", "mock_calls", "return_value", "side_effect",
})


class AutospecFunction:
    """What ``create_autospec`` returns for an ``async def`` spec.

    Calls check the spec's signature, then go to :attr:`mock`, which records
    them at once (the stdlib's records them only once awaited, gh-137594)
    and returns a coroutine.  Every other attribute (``return_value``,
    ``assert_awaited_with``...) is the mock's.  It passes for the function
    the stdlib makes: ``inspect.isfunction``, ``inspect.iscoroutinefunction``
    and ``inspect.signature`` see the spec's shape, its name is the spec's,
    its module None, it binds as a method when set on a class, and it has
    exactly the stdlib's attributes (``dir()``), plus asyncmock's own names.
    Only ``type()`` tells it apart: a real function's attributes are fixed
    values, which cannot follow the mock's records.
    """

    def __init__(self, mock: Any, spec: Any, sig: inspect.Signature) -> None:
        state = self.__dict__
        state["mock"] = mock
        state["_asyncmock_signature"] = sig
        state["__signature__"] = sig
        state["__code__"] = COROUTINE_CODE
        state["__name__"] = state["__qualname__"] = spec.__name__
        # As the stdlib's copy, which is made by exec in a namespace of its own.
        state["__doc__"] = state["__module__"] = None
        state["__defaults__"] = state["__kwdefaults__"] = None
        state["__annotations__"] = {}

    _is_coroutine = LazyAsyncioMarker()

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        """Report a function, so ``isinstance(f, FunctionType)`` holds as for the stdlib's."""
        return types.FunctionType

    def __call__(*args: Any, **kwargs: Any) -> Any:
        self, args = args[0], args[1:]
        self.__dict__["_asyncmock_signature"].bind(*args, **kwargs)
        return self.__dict__["mock"](*args, **kwargs)

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        return types.MethodType(self, obj)

    def __getattr__(self, name: str) -> Any:
        if name not in FUNCTION_MOCK_NAMES and name not in EXTRA_NAMES:
            # A function's own attribute, or what the stdlib's copy lacks
            # (configure_mock, attach_mock...): as on a function, none.
            raise AttributeError("'function' object has no attribute %r" % (name,))
        if name == "side_effect":
            shown = self.__dict__.get("_asyncmock_side_effect", _MISSING)
            mock = self.__dict__["mock"]
            if shown is not _MISSING and shown[1] == mock.await_count:
                return shown[0]  # as set, until an await reads it (the stdlib's order)
        return getattr(self.__dict__["mock"], name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "__class__":
            _plain_function.__class__ = value  # raises the interpreter's own TypeError
        if name not in FUNCTION_MOCK_NAMES and name not in EXTRA_NAMES:
            # Any other attribute is the function's own, as on the stdlib's
            # copy (pytest-mock's spy_return, __doc__...): kept here.
            self.__dict__[name] = value
            return
        mock = self.__dict__["mock"]
        setattr(mock, name, value)
        if name == "side_effect":
            self.__dict__["_asyncmock_side_effect"] = (value, mock.await_count)

    def __dir__(self) -> "List[str]":
        """A function's attributes and the mock's the stdlib's copy has, as there."""
        names = set(dir(_plain_function)) | FUNCTION_MOCK_NAMES | EXTRA_NAMES
        names.update(("__signature__", "_is_coroutine", "mock", "reset_mock"))
        return sorted(names)

    def reset_mock(self) -> None:
        """Forget the calls and awaits (the stdlib's copy takes no arguments)."""
        self.__dict__.pop("_asyncmock_side_effect", None)
        self.__dict__["mock"].reset_mock()

    def __delattr__(self, name: str) -> None:
        delattr(self.__dict__["mock"], name)

    def __repr__(self) -> str:
        return "<function %s at %#x>" % (self.__dict__["__qualname__"], id(self))


class LazySpec(LazyChild):
    """An attribute of an autospecced mock, built when first accessed."""

    def __init__(
        self, original: Any, spec_set: bool, parent: Any, name: str, instance: bool,
        is_function: bool, skip_first: bool, wraps: Any,
    ) -> None:
        # As the stdlib (whose create_autospec passes its *instance* where
        # _SpecState takes *ids*): attributes are specced as not instances.
        super().__init__(original, spec_set, parent, name, instance)
        self.is_function = is_function
        self.skip_first = skip_first
        self.wraps = wraps
        #: Function attributes are sealed with their parent (as the stdlib,
        #: which makes them eagerly); other attributes are not.
        self.sealed_with_parent = is_function

    def build(self) -> Any:
        if not self.is_function:
            return create_autospec(
                self.spec, self.spec_set, self.instance, self.parent, self.name
            )
        klass = AsyncMock if iscoroutinefunction(self.spec) else MagicMock
        kwargs = {"spec_set" if self.spec_set else "spec": self.spec}  # type: Dict[str, Any]
        if self.wraps is not None:
            kwargs["wraps"] = self.wraps
        child = klass(
            parent=self.parent, name=self.name, _new_name=self.name,
            _new_parent=self.parent, _eat_self=self.skip_first, **kwargs
        )
        child.return_value = klass()
        check_signature(self.spec, child, skip_first=self.skip_first)
        return child


def _is_async_function(spec: Any) -> bool:
    return getattr(spec, "__code__", None) is not None and iscoroutinefunction(spec)


def instances_callable(obj: Any) -> bool:
    """For a class, whether its instances are callable; else whether *obj* is."""
    if not isinstance(obj, type):
        return getattr(obj, "__call__", None) is not None
    return any(klass.__dict__.get("__call__") is not None for klass in obj.__mro__)


def _skips_first(spec: Any, entry: str, is_type: bool) -> bool:
    """Whether calls to *entry* on *spec* supply its first argument themselves."""
    if not isinstance(spec, type):
        if entry in getattr(spec, "__dict__", {}):
            return False
        spec = type(spec)
    for klass in spec.__mro__:
        found = klass.__dict__.get(entry, DEFAULT)
        if found is DEFAULT:
            continue
        if isinstance(found, (staticmethod, classmethod)):
            return False
        return is_type if isinstance(found, FUNCTION_TYPES) else False
    return is_type


def create_autospec(
    spec: Any, spec_set: Any = False, instance: bool = False, _parent: Any = None,
    _name: "Optional[str]" = None, *, unsafe: bool = False, **kwargs: Any
) -> Any:
    """A mock shaped like *spec*: same attributes, checked signatures, async where it is.

    As ``unittest.mock.create_autospec`` in the newest CPython (3.15): classes give a mock
    whose return value is an autospecced instance; ``instance=True`` mocks an
    instance; functions give an :class:`AutospecFunction`.

    Raises:
        InvalidSpecError: *spec* is itself a mock.
        RuntimeError: ``instance=True`` for an async function, or a likely
            typo among the keyword arguments (unless ``unsafe=True``).
    """
    if type(spec) in (list, tuple):
        spec = type(spec)
    if is_mock(spec):
        raise InvalidSpecError("Cannot autospec a Mock object. [object=%r]" % (spec,))
    is_type = isinstance(spec, type)
    is_async = _is_async_function(spec)

    mock_kwargs = {"spec": spec}  # type: Dict[str, Any]
    if spec_set:
        mock_kwargs = {"spec_set": spec}
    elif spec is None:
        mock_kwargs = {}
    if mock_kwargs and instance:
        mock_kwargs["_spec_as_instance"] = True
    if not unsafe:
        check_spec_typos(kwargs)
    _name = kwargs.pop("name", _name)
    new_name = _name if _parent is not None else ""
    mock_kwargs.update(kwargs)

    klass = MagicMock  # type: Any
    if inspect.isdatadescriptor(spec):
        mock_kwargs = {}  # what a descriptor returns is unknown
    elif is_async:
        if instance:
            raise RuntimeError(
                "Instance can not be True when create_autospec is mocking an async function"
            )
        klass = AsyncMock
    elif not is_callable(spec):
        klass = NonCallableMagicMock
    elif is_type and instance and not instances_callable(spec):
        klass = NonCallableMagicMock

    mock = klass(
        parent=_parent, _new_parent=_parent, _new_name=new_name, name=_name, **mock_kwargs
    )
    result = mock
    if isinstance(spec, FUNCTION_TYPES):
        if not is_async:
            # The stdlib's own function copy: a real function, named and
            # delegating exactly as the stdlib's is.
            result = set_signature(mock, spec)
        else:
            found = signature_of(spec, instance, False)
            if found is not None:  # pragma: no branch - every async def has a signature
                result = AutospecFunction(mock, spec, found[1])
    else:
        check_signature(spec, mock, is_type, instance)

    if _parent is not None and not instance:
        _parent._mock_children[_name] = result

    wrapped = kwargs.pop("wraps", None)
    if is_type and not instance and "return_value" not in kwargs:
        mock.return_value = create_autospec(
            spec, spec_set, instance=True, _name="()", _parent=mock, wraps=wrapped
        )

    entries = [(entry, _MISSING) for entry in dir(spec)]  # type: List[Tuple[str, Any]]
    fields = dataclass_fields(spec) if is_type and instance else None
    if fields is not None:
        # As 3.14: a dataclass instance has its fields, typed as declared.
        entries.extend((field.name, field.type) for field in fields)
        names = [field.name for field in fields]
        state = mock.__dict__
        state["_mock_methods"] = list(state["_mock_methods"] or []) + names
        state["_asyncmock_spec_names"] = frozenset(state["_mock_methods"])
    for entry, original in entries:
        if is_magic(entry):
            continue  # MagicMock provides the useful magic methods itself
        if original is _MISSING:
            try:
                original = getattr(spec, entry)
            except AttributeError:
                continue
        is_function = isinstance(original, FUNCTION_TYPES)
        mock._mock_children[entry] = LazySpec(
            original, spec_set, mock, entry, instance,
            is_function=is_function,
            skip_first=is_function and _skips_first(spec, entry, is_type),
            wraps=original if wrapped is not None and hasattr(wrapped, entry) else None,
        )

    if result is not mock:
        # As the stdlib: a function's own function attributes are mocked now
        # and set on the function copy, the only place they can be reached.
        for entry, child in list(mock._mock_children.items()):
            if isinstance(child, LazySpec) and child.is_function:
                setattr(result, entry, getattr(mock, entry))

    if kwargs:
        mock.configure_mock(**kwargs)
    return result


create_autospec.__module__ = "asyncmock"
