"""The classes mocks are instances of, and their magic methods.

As in the stdlib, every mock has a class of its own (:func:`new_class`), so
whatever is set on ``type(mock)`` stays on that mock.  The stdlib fills each
such class with ~80 magic method proxies, most of what creating a mock costs;
ours are made in one ``type()`` call from a template cached per (public
class, async or not, magic methods present), holding one immutable
:class:`MagicMethod` per name, which makes the mock's magic method the first
time it is used.
"""
from typing import Any, Dict, FrozenSet, Optional, Tuple

from ._backport import configure_new_magic
from ._compat import ALL_MAGICS, CHILD_LOCK, DEFAULT_MAGICS, set_return_value, stdlib
from ._async import AsyncBehaviour, AsyncRecords

__all__ = [
    "MagicMethod",
    "bare_class",
    "claim_class",
    "derived_class",
    "let_spec_win",
    "magic_names",
    "magics_of",
    "new_class",
    "public_class",
    "rebase",
    "set_class",
]

_DELETED = stdlib.sentinel.DELETED
_SET_CLASS = object.__dict__["__class__"].__set__
_ASYNC_LAYER = frozenset(AsyncBehaviour.__mro__) - {object, stdlib.Base}
_TEMPLATES = {}  # type: Dict[Tuple[type, bool, FrozenSet[str]], Dict[str, Any]]
_BARE = {}  # type: Dict[type, Dict[str, Any]]


class MagicMethod:
    """A magic method of every mock of a class, made per mock on first use.

    Configured as the stdlib configures its own (``__len__`` returns 0,
    ``__aexit__`` returns False, ``__aiter__`` iterates its return value...).
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, mock: Any, owner: Any = None) -> Any:
        # Bound, as the stdlib's proxies are, to the mock the class was made
        # for: a copy, whose class derives from the original's, shares them.
        made_for = getattr(owner, "_asyncmock_owner", None)
        target = made_for[0] if made_for is not None else mock
        if target is None:
            return self
        name = self.name
        children = target._mock_children
        method = children.get(name)
        if method is None:
            with CHILD_LOCK:  # one method for every thread, seen only once configured (gh-70787)
                method = children.get(name)
                if method is None:
                    method = target._get_child_mock(name=name, _new_name=name, _new_parent=target)
                    set_return_value(target, method, name)
                    configure_new_magic(target, method, name)
                    children[name] = method
        elif method is _DELETED:  # pragma: no cover - deleting one also takes it off the class (rebase)
            raise AttributeError(name)
        return method


class SpecWins:
    """On one mock's class: *name* is the spec's attribute, not asyncmock's own.

    Shadows asyncmock's property or method of that name, so the mock makes
    the spec's child for it, and stores what is set on it, as for any
    attribute the spec has.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, mock: Any, owner: Any = None) -> Any:
        if mock is None:
            return self
        state = mock.__dict__
        if self.name in state:
            return state[self.name]
        return type(mock).__getattr__(mock, self.name)

    def __set__(self, mock: Any, value: Any) -> None:
        mock.__dict__[self.name] = value

    def __delete__(self, mock: Any) -> None:
        del mock.__dict__[self.name]


def let_spec_win(mock: Any, names: "FrozenSet[str]") -> None:
    """Give *mock* the spec's attributes for these names of asyncmock's (and only these)."""
    klass = type(mock)
    for name in klass.__dict__.get("_asyncmock_spec_won", frozenset()) - names:
        type.__delattr__(klass, name)
    for name in names:
        type.__setattr__(klass, name, SpecWins(name))
    type.__setattr__(klass, "_asyncmock_spec_won", names)


def magic_names(public: type, methods: "Optional[Any]") -> "FrozenSet[str]":
    """The magic methods a mock of *public* has: all, or those its spec lists."""
    if not issubclass(public, stdlib.MagicMixin):
        return frozenset()
    if methods is None:
        return DEFAULT_MAGICS
    return DEFAULT_MAGICS.intersection(methods)


def new_class(public: type, is_async: bool, magics: "FrozenSet[str]") -> type:
    """The class of one new mock of *public*, with these magic methods.

    Its ``__mro__[1]`` is *public* (or the async layer over it), as in the
    stdlib; the class body is a cached template, copied by ``type()``.
    """
    key = (public, is_async, magics)
    template = _TEMPLATES.get(key)
    if template is None:
        template = {
            "__doc__": public.__doc__, "__module__": public.__module__,
            "_asyncmock_private": True, "_asyncmock_magics": magics,
        }
        template.update((name, MagicMethod(name)) for name in magics)
        _TEMPLATES[key] = template
    if is_async:  # as the stdlib: a non-callable mock with an async spec stays non-callable
        layer = AsyncBehaviour if issubclass(public, stdlib.CallableMixin) else AsyncRecords
        bases = (layer, public)  # type: Tuple[type, ...]
    else:
        bases = (public,)
    klass = type(public.__name__, bases, template)
    if "__eq__" in magics and "__hash__" not in magics:
        # A class body defining __eq__ gets __hash__ = None; setting __eq__
        # afterwards, as the stdlib does, keeps the inherited hash.
        delattr(klass, "__hash__")
    return klass


def bare_class(public: type) -> type:
    """:func:`new_class` for a mock made with no arguments (the common case, kept fast)."""
    template = _BARE.get(public)
    if template is None:
        magics = magic_names(public, None)
        klass = new_class(public, False, magics)
        _BARE[public] = _TEMPLATES[(public, False, magics)]
        return klass
    # (Every default set of magic methods has __hash__ with __eq__: no fix-up.)
    return type(public.__name__, (public,), template)


def derived_class(klass: type) -> type:
    """A class under a mock's own one: for a copy, or ``type(mock)()``, as in the stdlib."""
    return type(
        klass.__name__, (klass,),
        {"__doc__": klass.__doc__, "__module__": klass.__module__,
         "_asyncmock_private": True, "_asyncmock_derived": True},
    )


def claim_class(mock: Any) -> None:
    """Bind *mock*'s own class to it as it is built; a derived class gets its magics anew."""
    klass = type(mock)
    own = klass.__dict__
    type.__setattr__(klass, "_asyncmock_owner", (mock,))
    if "_asyncmock_derived" in own:
        magics = magic_names(public_class(klass), mock.__dict__["_mock_methods"])
        for name in magics:  # its dict is new: none of them is there yet
            type.__setattr__(klass, name, MagicMethod(name))
        type.__setattr__(klass, "_asyncmock_magics", magics_of(klass) | magics)


def magics_of(klass: type) -> "FrozenSet[str]":
    """The magic methods mocks of *klass* have as :class:`MagicMethod`."""
    return getattr(klass, "_asyncmock_magics", frozenset())


def rebase(mock: Any, magics: "FrozenSet[str]") -> None:
    """Move *mock* to a class with exactly *magics*, keeping what was set on its own.

    For a new spec (``mock_add_spec``) or a deleted magic method: a magic
    method a class does not have is absent, so ``len()`` raises TypeError.
    """
    klass = type(mock)
    public = public_class(klass)
    is_async = AsyncRecords in klass.__mro__ and not issubclass(public, AsyncRecords)
    fresh = new_class(public, is_async, magics)
    for key, value in klass.__dict__.items():
        if key in ("__dict__", "__weakref__", "_asyncmock_magics") or key in ALL_MAGICS:
            continue
        type.__setattr__(fresh, key, value)
    for key in magics:  # magic methods set by the user stay as they were
        value = klass.__dict__.get(key)
        if value is not None and not isinstance(value, MagicMethod):
            type.__setattr__(fresh, key, value)
    set_class(mock, fresh)


def public_class(klass: type) -> type:
    """The class the user instantiated, under our own per-mock ones."""
    for candidate in klass.__mro__:
        if "_asyncmock_private" in candidate.__dict__:
            continue
        if candidate in _ASYNC_LAYER:  # added for an async spec, not the user's class
            continue
        return candidate
    return klass  # pragma: no cover - every mock class has a public base


def set_class(mock: Any, klass: type) -> None:
    """Change *mock*'s class, past ``NonCallableMock.__class__`` (the spec's)."""
    _SET_CLASS(mock, klass)
