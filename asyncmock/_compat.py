"""Every difference between the interpreters we support, in one place.

Other modules never read ``sys.version_info``: they import a flag or a
definition from here.  Feature detection comes first; a version check is used
only for a behaviour change, with the CPython issue it comes from.
"""
import importlib
import inspect
import sys
import threading
import time
import unittest.mock as stdlib
from typing import TYPE_CHECKING, Any, Callable, FrozenSet, Set

from . import _call


#: ``unittest.mock.AsyncMock`` exists (3.8+); below that we are the backport.
STDLIB_HAS_ASYNCMOCK = hasattr(stdlib, "AsyncMock")

#: The stdlib base our ``AsyncMock`` derives from: its own AsyncMock where it
#: has one (so ``isinstance`` checks against the stdlib hold), else a MagicMock
#: sibling, as the stdlib AsyncMock supports the magic methods too.
#: Type checkers, which check 3.8+ only, see the stdlib's classes.
if TYPE_CHECKING or STDLIB_HAS_ASYNCMOCK:
    StdAsyncMock = stdlib.AsyncMock
else:  # pragma: no cover - 3.6 and 3.7 only

    class StdAsyncMock(stdlib.MagicMixin, stdlib.Mock):  # type: ignore[no-redef]
        """Stand-in for the missing stdlib AsyncMock: a magic-aware Mock."""


#: Module-level ``__getattr__`` (PEP 562, 3.7+): names imported on first use.
LAZY_MODULE_ATTRIBUTES = sys.version_info >= (3, 7)

#: Spec errors: the stdlib's own class where it has one (3.10+, bpo-43478).
InvalidSpecError = getattr(stdlib, "InvalidSpecError", None)  # type: Any
if InvalidSpecError is None:  # pragma: no cover - before 3.10

    class InvalidSpecError(Exception):  # type: ignore[no-redef]
        """Raised when a mock is used as a spec."""

#: The lock a mock holds while it makes a child, so that threads reaching a new
#: attribute at once share one child: the stdlib's own where it has one
#: (gh-98624: 3.10.9+, 3.11.1+), shared so both libraries' mocks take it.
CHILD_LOCK = getattr(stdlib.NonCallableMock, "_lock", None) or threading.RLock()  # type: Any

#: The base of the mixins our mock classes are made of (``AsyncBehaviour``,
#: ``MockBehaviour``...).  They are only ever mixed into a mock, so type
#: checkers see them as mocks; at run time they add nothing to the MRO.
if TYPE_CHECKING:  # pragma: no cover
    MockMixin = stdlib.NonCallableMock
else:
    MockMixin = stdlib.Base

# --- private stdlib names ------------------------------------------------
# Bound once here, every one present from 3.6 to 3.15.  typeshed describes
# the classes; the helpers below it does not, so they get the types we rely on.

#: ``call`` objects have ``args``/``kwargs`` (bpo-21269), turn the tuple's own
#: names such as ``__getitem__`` into named calls (bpo-37972) and show keyword
#: arguments in the order given (bpo-37212), 3.8; and answer NotImplemented to
#: what has no length (so ``call(1) == ALWAYS_EQ``), 3.9.  Below that, ``Call``,
#: ``call`` and ``format_call_signature`` are our own (asyncmock._call), which
#: behave as the newest stdlib's.  Every call asyncmock makes is a ``Call``.
STDLIB_CALL_IS_CURRENT = (
    hasattr(stdlib._Call, "args")  # 3.8
    and stdlib._Call.__eq__(stdlib.call(1), object()) is NotImplemented  # 3.9: ANY-like objects compare
)
if TYPE_CHECKING or STDLIB_CALL_IS_CURRENT:
    Call = stdlib._Call
    call = stdlib.call
    format_call_signature = getattr(stdlib, "_format_call_signature")  # type: Callable[[Any, Any, Any], str]
else:  # pragma: no cover - 3.6 and 3.7 only
    Call = _call.Call
    call = Call(from_kall=False)
    format_call_signature = _call.format_call_signature

#: Sentinels stay themselves when copied or pickled (bpo-20804): 3.7+.  On 3.6
#: our ``sentinel`` shares the stdlib's registry, so both give the same object
#: for a name, and ``sentinel.DEFAULT`` is ``unittest.mock.DEFAULT``.
STDLIB_SENTINEL_PICKLES = "__reduce__" in vars(stdlib._SentinelObject)
if TYPE_CHECKING or STDLIB_SENTINEL_PICKLES:
    sentinel = stdlib.sentinel
else:  # pragma: no cover - 3.6 only
    sentinel = _call.Sentinel(getattr(stdlib.sentinel, "_sentinels"))

CallList = stdlib._CallList
SpecState = stdlib._SpecState
#: ``CallableMixin``'s own signature check, which does nothing: a mock whose
#: class still has it checks no signature.
NO_SIGNATURE_CHECK = getattr(stdlib.CallableMixin, "_mock_check_sig")  # type: Any
is_magic = getattr(stdlib, "_is_magic")  # type: Callable[[str], bool]
set_return_value = getattr(stdlib, "_set_return_value")  # type: Callable[[Any, Any, str], None]
_std_set_signature = getattr(stdlib, "_set_signature")  # type: Callable[[Any, Any], Any]


def set_signature(mock: Any, original: Any) -> Any:
    """The stdlib's function copy of *original* delegating to *mock* (``create_autospec``).

    3.6's copy lacks ``__signature__``; it gets the one the others have.
    """
    funcopy = _std_set_signature(mock, original)
    if funcopy is not mock and "__signature__" not in funcopy.__dict__:  # pragma: no cover - 3.6
        funcopy.__signature__ = inspect.signature(original)
    return funcopy


_all_magics = getattr(stdlib, "_all_magics")  # type: Set[str]
_magics = getattr(stdlib, "_magics")  # type: Set[str]

# --- magic method names --------------------------------------------------

ASYNC_METHOD_MAGICS = frozenset(
    {"__aenter__", "__aexit__", "__anext__"}
)  # type: FrozenSet[str]
ASYNC_MAGICS = ASYNC_METHOD_MAGICS | {"__aiter__"}  # type: FrozenSet[str]
#: Before 3.8 the stdlib does not know the async magics at all.
STDLIB_KNOWS_ASYNC_MAGICS = "__aenter__" in _all_magics
#: Magic methods the newest stdlib supports that 3.6/3.7's lack (3.8 added them).
#: (The Python 2 names those two still list, ``__div__`` and such, are kept:
#: harmless, and code written for them may set them.)
_NEWER_MAGICS = frozenset({"__fspath__", "__round__"})
#: The magic methods a MagicMock has without being told, as in the newest stdlib.
DEFAULT_MAGICS = frozenset(_magics) | ASYNC_MAGICS | _NEWER_MAGICS  # type: FrozenSet[str]
#: Every magic method a mock may be given.
ALL_MAGICS = frozenset(_all_magics) | ASYNC_MAGICS | _NEWER_MAGICS  # type: FrozenSet[str]
#: Magic methods that stay sync even on an AsyncMock (``__aiter__`` included:
#: it returns the async iterator, it is not awaited).
SYNC_MAGICS = ALL_MAGICS - ASYNC_METHOD_MAGICS  # type: FrozenSet[str]

def get_running_loop() -> Any:
    """The running asyncio loop; RuntimeError if there is none.

    ``asyncio.get_running_loop`` from 3.7; 3.6 has only the private getter.
    """
    import asyncio

    getter = getattr(asyncio, "get_running_loop", None)
    if getter is not None:
        return getter()
    loop = asyncio._get_running_loop()  # pragma: no cover - 3.6 only
    if loop is None:  # pragma: no cover - 3.6 only
        raise RuntimeError("no running event loop")
    return loop  # pragma: no cover - 3.6 only


def current_asyncio_task() -> Any:
    """The running asyncio task: ``asyncio.current_task`` from 3.7, a class method on 3.6."""
    import asyncio

    getter = getattr(asyncio, "current_task", None)
    if getter is not None:
        return getter()
    return getattr(asyncio.Task, "current_task")()  # pragma: no cover - 3.6 only


def _resolve_dotted(name: str) -> Any:
    """``pkgutil.resolve_name`` for dotted names, for 3.6-3.8 which lack it.

    As there: the longest importable module prefix wins over an attribute of
    the same name (a package whose ``__init__`` rebinds a submodule's name),
    and the rest is looked up as attributes.
    """
    if ":" in name:  # "package.module:attribute.path"
        module_part, _, attributes = name.partition(":")
        found = importlib.import_module(module_part)
        for part in attributes.split(".") if attributes else ():
            found = getattr(found, part)
        return found
    parts = name.split(".")
    module_name = parts.pop(0)
    found = importlib.import_module(module_name)
    while parts:
        candidate = module_name + "." + parts[0]
        try:
            found = importlib.import_module(candidate)
        except ImportError:
            break
        module_name = candidate
        parts.pop(0)
    for part in parts:
        found = getattr(found, part)
    return found


#: How ``patch`` and ``patch.dict`` find their target, as the newest stdlib does.
#: (``unittest.mock`` imports pkgutil where it has ``resolve_name``, 3.9+.)
resolve_name = getattr(
    sys.modules.get("pkgutil"), "resolve_name", _resolve_dotted
)  # type: Callable[[str], Any]


def _forward_ref_signature() -> "Callable[[Any], inspect.Signature]":
    """``inspect.signature`` as the newest stdlib mock calls it.

    3.14+ (PEP 649/749): annotations naming what is not defined yet come out
    as forward references instead of raising NameError.
    """
    try:
        import annotationlib  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return inspect.signature
    forwardref = annotationlib.Format.FORWARDREF

    def signature(obj: Any) -> inspect.Signature:
        return inspect.signature(obj, annotation_format=forwardref)  # type: ignore[call-arg, unused-ignore]

    return signature


#: What spec signatures are read with.
signature = _forward_ref_signature()

#: ``asyncio.all_tasks`` is a function (3.7+), which loop owners call to cancel
#: what is left; 3.6 has only the method ``Task.all_tasks`` of a C class.
ASYNCIO_ALL_TASKS_FUNCTION = sys.version_info >= (3, 7)

#: The interpreter frees an object when its last reference goes (CPython's
#: reference counting); PyPy frees garbage only when it collects.
FREES_ON_LAST_REFERENCE = sys.implementation.name == "cpython"

#: Python tells ``warnings._warn_unawaited_coroutine`` of each coroutine freed
#: unawaited, the coroutine in hand (CPython 3.7+); 3.6 and PyPy only warn.
HOOKS_UNAWAITED_COROUTINES = FREES_ON_LAST_REFERENCE and hasattr(
    __import__("warnings"), "_warn_unawaited_coroutine"
)

#: The system clocks virtual time can move (the ``_ns`` forms are 3.7+).
CLOCK_FUNCTIONS = tuple(
    name for name in ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns")
    if hasattr(time, name)
)

#: PEP 810 lazy imports (3.15+): patch with a spec resolves them before reading them.
LazyImportType = getattr(__import__("types"), "LazyImportType", None)  # type: Any

__all__ = [
    "ALL_MAGICS",
    "ASYNCIO_ALL_TASKS_FUNCTION",
    "ASYNC_MAGICS",
    "ASYNC_METHOD_MAGICS",
    "Call",
    "call",
    "current_asyncio_task",
    "CallList",
    "CHILD_LOCK",
    "CLOCK_FUNCTIONS",
    "DEFAULT_MAGICS",
    "format_call_signature",
    "FREES_ON_LAST_REFERENCE",
    "HOOKS_UNAWAITED_COROUTINES",
    "get_running_loop",
    "InvalidSpecError",
    "is_magic",
    "LAZY_MODULE_ATTRIBUTES",
    "LazyImportType",
    "MockMixin",
    "NO_SIGNATURE_CHECK",
    "resolve_name",
    "sentinel",
    "set_return_value",
    "set_signature",
    "signature",
    "SpecState",
    "StdAsyncMock",
    "stdlib",
    "STDLIB_CALL_IS_CURRENT",
    "STDLIB_HAS_ASYNCMOCK",
    "STDLIB_KNOWS_ASYNC_MAGICS",
    "STDLIB_SENTINEL_PICKLES",
    "SYNC_MAGICS",
]
