"""Argument checks with one message shape: which argument, what was expected, what came.

Every public entry point checks its arguments before changing anything, so a
bad call raises a specific error and leaves the mock's records as they were.
"""
from typing import Any, List, NoReturn

from ._compat import Call, stdlib

ANY = stdlib.ANY

__all__ = ["check_bool", "check_calls", "check_name", "refuse"]


def refuse(argument: str, expected: str, value: Any, error: type = TypeError) -> NoReturn:
    """Raise ``<argument> must be <expected>; got <value> (<type>)``."""
    raise error(
        "%s must be %s; got %r (%s)" % (argument, expected, value, type(value).__name__)
    )


def check_bool(argument: str, value: Any) -> None:
    """*value* must be True or False (also accepts 0 and 1, as flags often are)."""
    if value is not True and value is not False and value not in (0, 1):
        refuse(argument, "True or False", value)


def check_name(argument: str, value: Any) -> None:
    """A mock's name: a str or None."""
    if value is not None and not isinstance(value, str):
        refuse(argument, "a str or None", value)


def check_calls(method: str, calls: Any, any_order: Any) -> "List[Any]":
    """The *calls* of ``assert_has_calls``/``assert_has_awaits``, as a list.

    Refuses what would otherwise be compared as nonsense: a str, a single
    ``call`` (a forgotten list), a non-iterable, and items that are neither
    calls nor ``ANY``.
    """
    if isinstance(calls, (str, bytes, Call)) or not hasattr(calls, "__iter__"):
        refuse("%s() calls" % method, "a list of call objects", calls)
    items = list(calls)  # type: List[Any]
    for index, item in enumerate(items):
        if not isinstance(item, tuple) and item is not ANY:  # ANY matches any call
            raise TypeError(
                "%s() expected calls must be call objects; item %d is %r (%s)"
                % (method, index, item, type(item).__name__)
            )
    check_bool("any_order", any_order)
    return items
