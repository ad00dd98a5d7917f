"""``call`` objects and ``sentinel`` values as the newest ``unittest.mock`` has them.

The stdlib of 3.6 and 3.7 is behind on both:

* its ``_Call`` has no ``args``/``kwargs`` (bpo-21269, 3.8), answers
  ``call.__getitem__`` and the other tuple names with the tuple's own methods
  instead of a named call (bpo-37972, 3.8), sorts keyword arguments in its
  reprs instead of keeping the order they were given in (bpo-37212, 3.8) and
  says ``False`` instead of ``NotImplemented`` to anything without a length
  (3.9), so ``call(1) == ALWAYS_EQ`` is false;
* 3.6's sentinels lose their identity when copied or pickled (bpo-20804, 3.7).

:class:`Call` and :class:`Sentinel` are written here for that.  This module
only defines them: :mod:`asyncmock._compat` decides which interpreter uses
them (3.6 and 3.7; from 3.8 on asyncmock keeps the stdlib's own objects).
"""
import unittest.mock as _stdlib
from typing import Any, Dict, Mapping, Tuple

__all__ = ["Call", "Sentinel", "SentinelObject", "format_call_signature"]

#: Names the tuple itself defines (``count``, ``index``, ``__getitem__``...):
#: on a call they name a call of that method, not the tuple's method.
_TUPLE_NAMES = frozenset(tuple.__dict__)


def format_call_signature(name: str, args: "Tuple[Any, ...]", kwargs: "Mapping[str, Any]") -> str:
    """``name(1, 2, a=3)``: the positional arguments, then the keyword ones in the order given."""
    shown = [repr(arg) for arg in args]
    shown.extend("%s=%r" % item for item in kwargs.items())
    return "%s(%s)" % (name, ", ".join(shown))


def _arguments(kall: "Tuple[Any, ...]") -> "Tuple[Tuple[Any, ...], Dict[str, Any]]":
    """The ``(args, kwargs)`` of a call tuple, named ``(name, args, kwargs)`` or not."""
    return (kall[0], kall[1]) if len(kall) == 2 else (kall[1], kall[2])


class Call(_stdlib._Call):
    """A ``call`` object with the newest stdlib's behaviour.

    A subclass of the stdlib's ``_Call``, so ``isinstance`` checks and
    comparisons with the stdlib's own calls hold both ways (Python asks the
    subclass first).  Calling it or reading an attribute gives a :class:`Call`
    again, so every ``call.foo(1)()`` chain is one of ours.
    """

    def __getattribute__(self, attr: str) -> Any:
        if attr in _TUPLE_NAMES:
            raise AttributeError(attr)  # __getattr__ makes it a named call
        return tuple.__getattribute__(self, attr)

    def __getattr__(self, attr: str) -> "Call":
        parent = self._mock_name
        if parent is None:
            return Call(name=attr, from_kall=False)
        return Call(name=parent + "." + attr, parent=self, from_kall=False)

    def __call__(*args: Any, **kwargs: Any) -> "Call":  # self is positional-only: call(self=1) works
        self = args[0]  # type: Call
        args = args[1:]
        name = self._mock_name
        if name is None:
            return Call(("", args, kwargs), name="()")
        return Call((name, args, kwargs), name=name + "()", parent=self)

    def __eq__(self, other: object) -> bool:
        try:
            len(other)  # type: ignore[arg-type]
        except TypeError:
            return NotImplemented  # let the other side decide: ANY, ALWAYS_EQ...
        # The stdlib's comparison; its 3.6/3.7 shortcuts for ANY and for what
        # has no length are never reached now.
        equal = super().__eq__(other)  # type: bool
        return equal

    @property
    def args(self) -> "Tuple[Any, ...]":
        """The positional arguments of the call."""
        return _arguments(self)[0]

    @property
    def kwargs(self) -> "Dict[str, Any]":
        """The keyword arguments of the call, in the order given."""
        return _arguments(self)[1]

    def __repr__(self) -> str:
        if not self._mock_from_kall:  # an attribute of a call, not a call: call.foo
            name = self._mock_name or "call"
            return "call" + name if name.startswith("()") else name
        if len(self) == 2:
            name = ""
            args, kwargs = self
        else:
            name, args, kwargs = self
        if not name:
            name = "call"
        elif name.startswith("()"):
            name = "call" + name
        else:
            name = "call." + name
        return format_call_signature(name, args, kwargs)


class SentinelObject(_stdlib._SentinelObject):
    """A named sentinel that stays itself when copied or pickled."""

    __module__ = "asyncmock"  # pickled as asyncmock.sentinel.<name>

    def __reduce__(self) -> str:
        return "sentinel.%s" % (self.name,)


class Sentinel:
    """``sentinel``: each attribute is a unique named object, the same on every access.

    *registry* maps names to the objects made so far.  Given the stdlib
    ``sentinel``'s own, both namespaces hand out the same object for a name:
    the stdlib's for the names it made (``DEFAULT``, which the stdlib compares
    with ``is``, ``MISSING``, ``DELETED``, any made through it), a
    :class:`SentinelObject` for those made here first.
    """

    __module__ = "asyncmock"  # pickled as asyncmock.sentinel

    def __init__(self, registry: "Dict[str, Any]") -> None:
        self._sentinels = registry

    def __getattr__(self, name: str) -> Any:
        if name == "__bases__":  # without this, help(sentinel) fails
            raise AttributeError(name)
        return self._sentinels.setdefault(name, SentinelObject(name))

    def __reduce__(self) -> str:
        return "sentinel"
