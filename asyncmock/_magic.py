"""The classes mocks are instances of, and their magic methods.

The stdlib gives every mock a class of its own and fills it with ~80 magic
method proxies, which is most of what creating a mock costs.  We share one
class per (public class, async or not, magic methods present) instead, and
put on it one :class:`MagicMethod` per magic name, which makes the mock's
magic method the first time it is used.  A mock moves to a class of its own
(:func:`private_class`) only when something must be set on its class: a
magic method assigned by the user, or a checked signature.  Through the
public API the two are indistinguishable.
"""
from typing import Any, Dict, FrozenSet, Optional, Tuple, Type

from ._backport import configure_async_magic
from ._compat import ALL_MAGICS, DEFAULT_MAGICS, set_return_value, stdlib
from ._core import AsyncBehaviour

__all__ = [
    "MagicMethod",
    "magic_names",
    "magics_of",
    "private_class",
    "public_class",
    "rebase",
    "set_class",
    "shared_class",
]

_DELETED = stdlib.sentinel.DELETED
_SET_CLASS = object.__dict__["__class__"].__set__
_ASYNC_LAYER = frozenset(AsyncBehaviour.__mro__) - {object, stdlib.Base}
_SHARED = {}  # type: Dict[Tuple[type, bool, FrozenSet[str]], type]


class MagicMethod:
    """A magic method of every mock of a class, made per mock on first use.

    Configured as the stdlib configures its own (``__len__`` returns 0,
    ``__aexit__`` returns False, ``__aiter__`` iterates its return value...).
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, mock: Any, *args: Any, **kwargs: Any) -> Any:
        """``type(mock).__enter__(mock)``, as ExitStack calls it: call the mock's method."""
        return self.__get__(mock)(*args, **kwargs)

    def __get__(self, mock: Any, owner: Any = None) -> Any:
        if mock is None:
            return self
        name = self.name
        children = mock._mock_children
        method = children.get(name)
        if method is None:
            method = mock._get_child_mock(name=name, _new_name=name, _new_parent=mock)
            children[name] = method
            set_return_value(mock, method, name)
            configure_async_magic(method, name)
        elif method is _DELETED:  # pragma: no cover - deleting one also takes it off the class (rebase)
            raise AttributeError(name)
        return method


def magic_names(public: type, methods: "Optional[Any]") -> "FrozenSet[str]":
    """The magic methods a mock of *public* has: all, or those its spec lists."""
    if not issubclass(public, stdlib.MagicMixin):
        return frozenset()
    if methods is None:
        return DEFAULT_MAGICS
    return DEFAULT_MAGICS.intersection(methods)


def shared_class(public: type, is_async: bool, magics: "FrozenSet[str]") -> type:
    """The class shared by every mock of *public* with these traits."""
    key = (public, is_async, magics)
    klass = _SHARED.get(key)
    if klass is None:
        bases = (AsyncBehaviour, public) if is_async else (public,)
        klass = type(
            public.__name__, bases,
            {"__doc__": public.__doc__, "__module__": public.__module__,
             "_asyncmock_shared": True, "_asyncmock_magics": magics},
        )
        # Set one by one, as the stdlib does: a class body defining __eq__
        # would also set __hash__ to None.
        for name in magics:
            setattr(klass, name, MagicMethod(name))
        _SHARED[key] = klass
    return klass


def magics_of(klass: type) -> "FrozenSet[str]":
    """The magic methods mocks of *klass* have as :class:`MagicMethod`."""
    return getattr(klass, "_asyncmock_magics", frozenset())


def rebase(mock: Any, magics: "FrozenSet[str]") -> None:
    """Move *mock* to the class with exactly *magics*, keeping what was set on its own.

    For a new spec (``mock_add_spec``) or a deleted magic method: a magic
    method a class does not have is absent, so ``len()`` raises TypeError.
    """
    klass = type(mock)
    public = public_class(klass)
    is_async = AsyncBehaviour in klass.__mro__ and not issubclass(public, AsyncBehaviour)
    base = shared_class(public, is_async, magics)
    if "_asyncmock_private" not in klass.__dict__:
        set_class(mock, base)
        return
    kept = {
        key: value for key, value in klass.__dict__.items()
        if key not in ("__dict__", "__weakref__")
        and not (key in ALL_MAGICS and key not in magics)
    }
    set_class(mock, type(klass.__name__, (base,), kept))


def public_class(klass: type) -> type:
    """The class the user instantiated, under our shared or private ones."""
    for candidate in klass.__mro__:
        own = candidate.__dict__
        if "_asyncmock_shared" in own or "_asyncmock_private" in own:
            continue
        if candidate in _ASYNC_LAYER:  # added for an async spec, not the user's class
            continue
        return candidate
    return klass  # pragma: no cover - every mock class has a public base


def set_class(mock: Any, klass: type) -> None:
    """Change *mock*'s class, past ``NonCallableMock.__class__`` (the spec's)."""
    _SET_CLASS(mock, klass)


def private_class(mock: Any) -> "Type[Any]":
    """*mock*'s own class, made now if it still shares one."""
    klass = type(mock)
    if "_asyncmock_private" in klass.__dict__:
        return klass
    own = type(
        klass.__name__, (klass,),
        {"__doc__": klass.__doc__, "__module__": klass.__module__,
         "_asyncmock_private": True},
    )
    set_class(mock, own)
    return own
