"""The records every mock keeps, and how a call is written into them.

Both halves of a mock record through :func:`record_call`; the features and
strict mode read these records and never write them.
"""
import itertools
import sys
import threading
from typing import Any, Dict, List, Tuple

from ._compat import Call

__all__ = [
    "AWAIT_ORDER",
    "EXPLORATIONS",
    "RECORD_LOCK",
    "STRICT_SCOPES",
    "TYPO_GUARDS",
    "RecordedCall",
    "caller",
    "is_exception",
    "record_call",
    "record_in_parents",
]

_new_tuple = tuple.__new__

#: Held for the rare updates that are not a single atomic operation (a
#: cancelled await, a reset, the waiters list).  Recording itself takes no
#: lock: every record is one ``list.append`` or dict store, atomic in CPython,
#: and the counts are the lengths of the lists (see ``AsyncBehaviour.call_count``), so
#: calls and awaits made from many threads at once are all kept and agree.
RECORD_LOCK = threading.Lock()
#: A number per await, in the order awaits start, shared by all mocks.
AWAIT_ORDER = itertools.count()


class RecordedCall(Call):
    """A ``call`` as recorded: built straight from its tuple, in one C call.

    What ``_Call.__init__`` would store on each instance (always the same
    three values for a recorded call) lives on the class, so a record costs
    a tuple and no dict: half the stdlib's memory per await, and time.
    """

    _mock_name = None
    _mock_parent = None
    _mock_from_kall = True


def is_exception(obj: Any) -> bool:
    """True for an exception instance or class: what a side effect raises."""
    return isinstance(obj, BaseException) or (
        isinstance(obj, type) and issubclass(obj, BaseException)
    )


def record_call(mock: Any, args: "Tuple[Any, ...]", kwargs: "Dict[str, Any]") -> Any:
    """Record a call on *mock* and on its parents the moment it is made.

    Fills ``called``, ``call_count``, ``call_args``, ``call_args_list`` and
    ``mock_calls`` of *mock*, then ``method_calls`` and ``mock_calls`` of each
    parent under the dotted name the call has from there.  Returns the
    ``call`` object, which the await shares.
    """
    this_call = _new_tuple(RecordedCall, (args, kwargs))
    own_call = _new_tuple(RecordedCall, ("", args, kwargs))
    state = mock.__dict__
    state["_mock_called"] = True
    state["_mock_call_args"] = this_call
    state["_mock_call_args_list"].append(this_call)
    state["_mock_mock_calls"].append(own_call)
    record_in_parents(mock, args, kwargs)
    return this_call


def record_in_parents(mock: Any, args: "Tuple[Any, ...]", kwargs: "Dict[str, Any]") -> None:
    """Record a call of *mock* in the ``method_calls`` and ``mock_calls`` of its parents."""
    state = mock.__dict__

    parent = state["_mock_new_parent"]
    # method_calls follow attribute links only; mock_calls follow return
    # values too, which join names without a dot: "m.get().json".
    method_name = state["_mock_name"] if state["_mock_parent"] is not None else None
    call_name = state["_mock_new_name"]
    after_call = call_name == "()"
    while parent is not None:
        parent_state = parent.__dict__
        if parent_state["_mock_delegate"] is None:
            method_calls = parent_state["method_calls"]
            mock_calls = parent_state["_mock_mock_calls"]
        else:  # a stdlib autospec function's mock: its lists live elsewhere
            method_calls, mock_calls = parent.method_calls, parent.mock_calls
        entry = _new_tuple(RecordedCall, (call_name, args, kwargs))
        if method_name is not None:
            # Usually the same name in both lists: then one record serves both.
            if method_name != call_name:
                method_calls.append(_new_tuple(RecordedCall, (method_name, args, kwargs)))
            else:
                method_calls.append(entry)
            if parent_state["_mock_parent"] is not None:
                method_name = parent_state["_mock_name"] + "." + method_name
            else:
                method_name = None
        mock_calls.append(entry)
        parent_name = parent_state["_mock_new_name"]
        if parent_name:
            call_name = parent_name + ("" if after_call else ".") + call_name
            after_call = parent_name == "()"
        parent = parent_state["_mock_new_parent"]


#: The running race exploration's schedule, if any (``_interleavings``): each
#: await of an async mock asks the last one whether to let others run first.
EXPLORATIONS = []  # type: List[Any]

#: Open strict-mode typo guards (the pytest plugin's): while there is one, a
#: mock refuses a new attribute that looks like a misspelt assertion, or, when
#: the guard is a list (report only), notes it there as (name, intended).
TYPO_GUARDS = []  # type: List[Any]

#: Open strict-mode scopes (the pytest plugin's): each a list that every call
#: of an async mock is appended to, with its coroutine and where it was made.
STRICT_SCOPES = []  # type: List[List[Any]]


def caller() -> "Tuple[str, int]":
    """File and line of the first frame outside asyncmock: where the user called."""
    frame = sys._getframe(2)
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith("asyncmock."):
        frame = frame.f_back
    return frame.f_code.co_filename, frame.f_lineno
