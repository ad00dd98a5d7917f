"""Assertion typos: the names every mock without a spec refuses, and strict mode's wider guard.

The stdlib refuses ``assret_called()`` but not ``asserT_called()`` or
``assert_caled()`` one letter off a prefix it knows; such a line asserts
nothing.  Strict mode refuses these too, naming the assertion meant.
"""
from typing import Optional

__all__ = ["ASSERTIONS", "ASSERTION_TYPOS", "DENIED_NAMES", "intended_assertion"]

#: Assertion names without ``assert_``: a mock without a spec refuses them as
#: attributes (``m.called_once_with()`` is a typo that would always pass).
DENIED_NAMES = frozenset({
    "any_call", "called", "called_once", "called_once_with", "called_with",
    "has_calls", "not_called",
})
#: Prefixes of what a mock without a spec refuses as attributes: assertions and their typos.
ASSERTION_TYPOS = ("assert", "assret", "asert", "aseert", "assrt")

#: Every assertion a mock has: the stdlib's and asyncmock's own.
ASSERTIONS = frozenset({
    "assert_any_call", "assert_called", "assert_called_once", "assert_called_once_with",
    "assert_called_with", "assert_has_calls", "assert_not_called",
    "assert_any_await", "assert_awaited", "assert_awaited_once", "assert_awaited_once_with",
    "assert_awaited_with", "assert_has_awaits", "assert_not_awaited",
    "assert_all_awaited",
})


def _distance(a: str, b: str) -> int:
    """Levenshtein distance: the fewest inserts, deletes and substitutions from *a* to *b*."""
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        previous = current
    return previous[-1]


def _one_edit_from_assertion(name: str) -> bool:
    """Whether *name* is one insert, delete or substitution away from an assertion."""
    return any(abs(len(name) - len(real)) <= 1 and _distance(name, real) == 1 for real in ASSERTIONS)


def intended_assertion(name: str) -> "Optional[str]":
    """The assertion *name* looks like a misspelling of, or None if it does not look like one."""
    lowered = name.lower()
    if not (lowered.startswith(ASSERTION_TYPOS) or lowered in DENIED_NAMES
            or _one_edit_from_assertion(name)):
        return None
    if lowered in DENIED_NAMES:
        lowered = "assert_" + lowered
    return min(sorted(ASSERTIONS), key=lambda real: _distance(lowered, real))
