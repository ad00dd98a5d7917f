"""Argument checks with one message shape: which argument, what was expected, what came.

Every public entry point checks its arguments before changing anything, so a
bad call raises a specific error and leaves the mock's records as they were.
"""
from typing import Any, List, NoReturn


__all__ = ["check_bool", "check_calls", "check_delay", "refuse"]


def refuse(argument: str, expected: str, value: Any, error: type = TypeError) -> NoReturn:
    """Raise ``<argument> must be <expected>; got <value> (<type>)``."""
    raise error(
        "%s must be %s; got %r (%s)" % (argument, expected, value, type(value).__name__)
    )


def check_bool(argument: str, value: Any) -> None:
    """*value* must be True or False (also accepts 0 and 1, as flags often are)."""
    if value is not True and value is not False and value not in (0, 1):
        refuse(argument, "True or False", value)


def check_calls(method: str, calls: Any) -> "List[Any]":
    """The *calls* of ``assert_has_calls``/``assert_has_awaits``, as a list.

    Refuses only what the stdlib cannot use either: a non-iterable (its own
    TypeError is vaguer).  Anything iterable is compared as the stdlib does.
    """
    if not hasattr(calls, "__iter__"):
        refuse("%s() calls" % method, "a list of call objects", calls)
    return list(calls)


def check_delay(name: str, value: Any, allow_none: bool = True) -> None:
    """Refuse a delay or timeout that is not a non-negative number (or None)."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            "%s must be a number of seconds%s; got %r (%s)"
            % (name, " or None" if allow_none else "", value, type(value).__name__)
        )
    if value < 0 or value != value:
        raise ValueError("%s must be >= 0 seconds; got %r" % (name, value))
