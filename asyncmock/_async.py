"""The async half of a mock: call -> record -> await, and the await assertions.

Everything an await costs happens in :meth:`AsyncBehaviour.__call__`,
:func:`~._records.record_call` and :meth:`AsyncBehaviour._mock_await`, read
top to bottom.  The behaviour is the newest stdlib's ``AsyncMock``, written
here so that it is the same on every interpreter (and faster).
"""
import functools
import inspect
from typing import Any, Coroutine, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from ._checks import check_bool, check_calls, check_delay, refuse
from ._compat import NO_SIGNATURE_CHECK, Call, CallList, MockMixin, stdlib
from ._features import AwaitFeatures, notify_waiters
from ._introspection import COROUTINE_CODE, LazyAsyncioMarker, iscoroutinefunction
from ._loop import is_cancellation, sleep
from ._records import AWAIT_ORDER, EXPLORATIONS, RECORD_LOCK, STRICT_SCOPES, caller, is_exception, record_call

__all__ = ["AsyncBehaviour", "AsyncRecords", "async_state", "is_async_callable"]

DEFAULT = stdlib.DEFAULT
_std_side_effect = stdlib.NonCallableMock.side_effect


def _matches(expected: Any, actual: Any) -> bool:
    """Compare a recorded call with an expected one, the expected side first.

    Putting the expectation on the left lets ``ANY`` and user matchers decide,
    even against recorded objects whose ``__eq__`` says False to everything.
    """
    if (
        isinstance(expected, tuple)
        and isinstance(actual, tuple)
        and len(expected) == len(actual)
    ):
        return all(e == a for e, a in zip(expected, actual))
    return bool(expected == actual)


def _as_await(expected: Any) -> Any:
    """``call(1)`` as the ``(args, kwargs)`` pair awaits are recorded as.

    Unnamed calls compare the same either way; the pair compares in C,
    without ``_Call.__eq__``.  Named or matcher-bound calls are kept as given.
    """
    if isinstance(expected, Call) and len(expected) == 3 and expected[0] == "":
        return (expected[1], expected[2])
    return expected


def _match_indexes(actual: "Sequence[Any]", wanted: Any, start: int = 0) -> "Iterator[int]":
    """Indexes of the entries of *actual* that match *wanted*, from *start* on.

    Unnamed calls are compared as ``(args, kwargs)`` in a tight loop: the
    assertions stay linear and cheap after 100,000 awaits.
    """
    if isinstance(wanted, tuple) and len(wanted) == 2:
        wanted_args, wanted_kwargs = wanted
        for index in range(start, len(actual)):
            item = actual[index]
            if (
                isinstance(item, tuple) and len(item) == 2
                and wanted_args == item[0] and wanted_kwargs == item[1]
            ):
                yield index
        return
    for index in range(start, len(actual)):
        if _matches(wanted, actual[index]):
            yield index


def _contains_run(actual: "Sequence[Any]", expected: "Sequence[Any]") -> bool:
    """True if *expected* appears in *actual* as a contiguous run."""
    width = len(expected)
    if width == 0:
        return True
    for start in _match_indexes(actual, expected[0]):
        if start + width > len(actual):
            return False
        if all(_matches(e, a) for e, a in zip(expected[1:], actual[start + 1:start + width])):
            return True
    return False


def is_async_callable(obj: Any) -> bool:
    """True for an ``async def``, an object whose ``__call__`` is one, or a partial of either."""
    while isinstance(obj, functools.partial):
        obj = obj.func
    if iscoroutinefunction(obj):
        return True
    call = getattr(type(obj), "__call__", None)
    return call is not None and not isinstance(obj, type) and iscoroutinefunction(call)


def check_side_effect(effect: Any) -> None:
    """Refuse, when an await uses it, a side effect that is not an iterator.

    The stdlib accepts any value when it is set (a placeholder replaced
    later is fine) and fails only here, with a less telling TypeError.
    """
    if not hasattr(effect, "__next__"):
        refuse(
            "side_effect",
            "an exception (class or instance), an iterable, a callable (sync or async), "
            "an awaitable or None",
            effect,
        )


def _matcher(mock: Any) -> Any:
    """What recorded and expected calls go through before comparing.

    With a spec signature, calls are bound to it (so ``f(1)`` matches
    ``f(a=1)``); without, the stdlib's matcher returns the call unchanged,
    so we skip calling it 10,000 times for 10,000 awaits.
    """
    if mock._spec_signature is None:
        return _same
    return mock._call_matcher


def _same(call_: Any) -> Any:
    return call_


def _name(mock: Any) -> str:
    return mock._mock_name or "mock"


#: The constant part of an async mock's own state.
_ASYNC_STATE = {
    "_asyncmock_await_offset": 0, "_asyncmock_call_offset": 0, "await_args": None,
    "_asyncmock_max_in_flight": 0, "_asyncmock_cancelled": 0, "_asyncmock_delay": None,
}  # type: Dict[str, Any]


def async_state(state: "Dict[str, Any]") -> None:
    """What an async mock records, empty: its awaits, their order, calls not yet awaited."""
    state.update(_ASYNC_STATE)
    state["await_args_list"] = CallList()
    state["_asyncmock_await_log"] = []
    state["_asyncmock_pending"] = {}
    state["_asyncmock_in_flight"] = set()


class AsyncRecords(AwaitFeatures, MockMixin):
    """What every async mock has, callable or not: await records, assertions, configuration.

    A ``NonCallableMock`` with an ``async def`` spec has these and no
    ``__call__``, as the stdlib's.  The class attributes below make a mock
    look like an ``async def`` to ``inspect`` and asyncio, at no cost per
    instance.
    """

    __code__ = COROUTINE_CODE
    __name__ = "AsyncMock"
    __defaults__ = ()  # type: Tuple[Any, ...]
    __kwdefaults__ = None
    _is_coroutine = LazyAsyncioMarker()
    _asyncmock_async = True
    #: What ``dir()`` lists of the above: the names the stdlib sets per instance.
    _asyncmock_function_names = ("__annotations__", "__code__", "__defaults__", "__kwdefaults__", "__name__")

    # Plain class attributes shadow the stdlib's delegating properties, so the
    # values below are read straight from the instance dict (``__init__``
    # puts a CallList there; older mypy releases accept the None unasked).
    await_args = None  # type: Optional[Call]
    await_args_list = None  # type: CallList  # type: ignore[assignment, unused-ignore]

    # Counts are the lengths of the lists, plus whatever offset assigning a
    # count set: exact under threads without a lock on the hot path.
    @property
    def await_count(self) -> int:
        """How many times the mock was awaited."""
        state = self.__dict__
        offset = state["_asyncmock_await_offset"]  # type: int
        return len(state["await_args_list"]) + offset

    @await_count.setter
    def await_count(self, value: int) -> None:
        state = self.__dict__
        state["_asyncmock_await_offset"] = value - len(state["await_args_list"])

    @property
    def call_count(self) -> int:
        """How many times the mock was called."""
        state = self.__dict__
        offset = state["_asyncmock_call_offset"]  # type: int
        return len(state["_mock_call_args_list"]) + offset

    @call_count.setter
    def call_count(self, value: int) -> None:
        state = self.__dict__
        state["_asyncmock_call_offset"] = value - len(state["_mock_call_args_list"])

    def __init__(
        self, *args: Any, await_delay: "Optional[float]" = None, wait_timeout: Any = DEFAULT,
        sync_results: bool = False, **kwargs: Any
    ) -> None:
        state = self.__dict__
        check_delay("await_delay", await_delay)
        check_bool("sync_results", sync_results)
        if wait_timeout is not DEFAULT:
            check_delay("wait_timeout", wait_timeout)
        # Before the mock's own set-up, which may configure async children.
        async_state(state)
        state["_asyncmock_delay"] = await_delay
        if wait_timeout is not DEFAULT:
            state["_asyncmock_wait_timeout"] = wait_timeout
        if sync_results:
            state["_asyncmock_sync_results"] = True
        super().__init__(*args, **kwargs)

    # --- configuration -----------------------------------------------------

    @property
    def side_effect(self) -> Any:
        """What an await raises, returns in turn, or calls (see the stdlib)."""
        return _std_side_effect.fget(self)

    @side_effect.setter
    def side_effect(self, value: Any) -> None:
        if inspect.isawaitable(value) and not callable(value):
            # Kept whole: the stdlib would turn an iterable Future into an iterator.
            self.__dict__["_mock_side_effect"] = value
        else:
            _std_side_effect.fset(self, value)

    def reset_mock(self, *args: Any, **kwargs: Any) -> None:
        """Reset calls, awaits and children; see ``Mock.reset_mock``."""
        super().reset_mock(*args, **kwargs)
        state = self.__dict__
        with RECORD_LOCK:
            state["_asyncmock_await_offset"] = 0
            state["await_args"] = None
            state["await_args_list"] = CallList()
            state["_asyncmock_await_log"] = []
            state["_asyncmock_pending"] = {}
            state["_asyncmock_cancelled"] = 0
            # Awaits still running will finish later: keep counting them.
            state["_asyncmock_max_in_flight"] = len(state["_asyncmock_in_flight"])

    # --- assertions --------------------------------------------------------

    def assert_awaited(_mock_self) -> None:
        """Assert the mock was awaited at least once."""
        __tracebackhide__ = True
        if _mock_self.await_count == 0:
            raise AssertionError("Expected %s to have been awaited." % _name(_mock_self))

    def assert_awaited_once(_mock_self) -> None:
        """Assert the mock was awaited exactly once."""
        __tracebackhide__ = True
        count = _mock_self.await_count
        if count != 1:
            raise AssertionError(
                "Expected %s to have been awaited once. Awaited %s times." % (_name(_mock_self), count)
            )

    def assert_awaited_with(_mock_self, *args: Any, **kwargs: Any) -> None:
        """Assert the last await was with these arguments."""
        __tracebackhide__ = True
        self = _mock_self
        last = self.await_args
        if last is None:
            raise AssertionError(
                "Expected await: %s\nNot awaited" % self._format_mock_call_signature(args, kwargs)
            )
        # A call, or the exception binding it to the spec's signature raised.
        expected = self._call_matcher(Call((args, kwargs), two=True))  # type: Any
        if isinstance(expected, Exception) or not _matches(
            expected, self._call_matcher(last)
        ):
            # As the stdlib: "Actual" shows the last *call* (awaited or not).
            cause = expected if isinstance(expected, Exception) else None
            raise AssertionError(
                self._format_mock_failure_message(args, kwargs, action="await")
            ) from cause

    def assert_awaited_once_with(_mock_self, *args: Any, **kwargs: Any) -> None:
        """Assert the mock was awaited exactly once, with these arguments."""
        __tracebackhide__ = True
        _mock_self.assert_awaited_once()
        _mock_self.assert_awaited_with(*args, **kwargs)

    def assert_any_await(_mock_self, *args: Any, **kwargs: Any) -> None:
        """Assert the mock was ever awaited with these arguments."""
        __tracebackhide__ = True
        self = _mock_self
        match = _matcher(self)
        expected = match(Call((args, kwargs), two=True))
        cause = expected if isinstance(expected, Exception) else None
        awaits = self.await_args_list
        actual = awaits if match is _same else [match(c) for c in awaits]
        if cause is not None or next(_match_indexes(actual, expected), None) is None:
            raise AssertionError(
                "%s await not found" % self._format_mock_call_signature(args, kwargs)
            ) from cause

    def assert_has_awaits(_mock_self, calls: "Iterable[Any]", any_order: bool = False) -> None:
        """Assert these awaits happened: in a row, or in any order if *any_order*."""
        __tracebackhide__ = True
        self = _mock_self
        calls = check_calls("assert_has_awaits", calls)
        match = _matcher(self)
        matched = [match(c) for c in calls]
        # Without a signature, awaits are recorded as (args, kwargs) pairs;
        # with one, the matcher gives both sides the same shape already.
        expected = [_as_await(e) for e in matched] if match is _same else matched
        errors = [e if isinstance(e, Exception) else None for e in matched]
        cause = next((e for e in errors if e is not None), None)
        awaits = self.await_args_list
        actual = list(awaits) if match is _same else [match(c) for c in awaits]
        if not any_order:
            if cause is not None or not _contains_run(actual, expected):
                if cause is None:
                    problem = "Awaits not found."
                else:
                    problem = "Error processing expected awaits.\nErrors: %s" % (errors,)
                raise AssertionError(
                    "%s\nExpected: %s\nActual: %s"
                    % (problem, CallList(calls), self.await_args_list)
                ) from cause
            return
        remaining = list(actual)  # type: List[Any]
        missing = []  # type: List[Any]
        for wanted, shown in zip(expected, matched):
            index = next(_match_indexes(remaining, wanted), None)
            if index is None:
                missing.append(shown)
            else:
                del remaining[index]
        if missing:
            raise AssertionError(
                "%r not all found in await list" % (tuple(missing),)
            ) from cause

    def assert_not_awaited(_mock_self) -> None:
        """Assert the mock was never awaited."""
        __tracebackhide__ = True
        count = _mock_self.await_count
        if count != 0:
            raise AssertionError(
                "Expected %s to not have been awaited. Awaited %s times."
                % (_name(_mock_self), count)
            )


class AsyncBehaviour(AsyncRecords):
    """Makes a mock awaitable: calling it returns a coroutine.

    The call is recorded when it is made, the await when it happens.
    """

    # --- the hot path ------------------------------------------------------

    def __call__(_mock_self, *args: Any, **kwargs: Any) -> "Coroutine[Any, Any, Any]":
        if type(_mock_self)._mock_check_sig is not NO_SIGNATURE_CHECK:
            _mock_self._mock_check_sig(*args, **kwargs)  # refuse before recording
        this_call = record_call(_mock_self, args, kwargs)
        state = _mock_self.__dict__
        state["_asyncmock_call_offset"] = 0  # as 3.14: a call makes call_count the list's length
        state["_asyncmock_pending"][id(this_call)] = this_call  # until it starts
        coroutine = _mock_self._mock_await(this_call, args, kwargs)
        if STRICT_SCOPES:
            STRICT_SCOPES[-1].append((_mock_self, this_call, coroutine, caller()))
        return coroutine

    async def _mock_await(
        self, this_call: Any, args: "Tuple[Any, ...]", kwargs: "Dict[str, Any]"
    ) -> Any:
        state = self.__dict__
        state["await_args"] = this_call
        state["await_args_list"].append(this_call)  # await_count is its length
        # For mock_awaits: when this await started, among all mocks', next to
        # its call, in one extend that another thread's await cannot split.
        state["_asyncmock_await_log"].extend((next(AWAIT_ORDER), this_call))
        state["_asyncmock_pending"].pop(id(this_call), None)
        in_flight = state["_asyncmock_in_flight"]
        in_flight.add(id(this_call))  # until `finally` below
        if len(in_flight) > state["_asyncmock_max_in_flight"]:
            state["_asyncmock_max_in_flight"] = len(in_flight)
        if "_asyncmock_waiters" in state:
            notify_waiters(self)
        try:
            if EXPLORATIONS:  # a race exploration: this await is a scheduling point
                await EXPLORATIONS[-1].point_at(self, args, kwargs)
            delay = state["_asyncmock_delay"]
            if delay is not None:
                await sleep(delay)
            effect = state["_mock_side_effect"]
            if effect is not None:
                if is_exception(effect):
                    raise effect
                if inspect.isawaitable(effect) and not callable(effect):
                    # CPython returns the awaitable itself (gh-116055): await it.
                    result = await effect
                elif not callable(effect):
                    check_side_effect(effect)
                    try:
                        result = next(effect)
                    except StopIteration:
                        # A coroutine cannot raise StopIteration (PEP 479).
                        raise StopAsyncIteration
                    if is_exception(result):
                        raise result
                elif is_async_callable(effect):
                    # Also objects with ``async def __call__`` and partials, which
                    # CPython calls without awaiting (gh-116055).
                    result = await effect(*args, **kwargs)
                else:
                    result = effect(*args, **kwargs)
                if result is not DEFAULT:
                    return result

            result = state["_mock_return_value"]
            if result is not DEFAULT:
                return result
            wrapped = state["_mock_wraps"]
            if wrapped is not None:
                if iscoroutinefunction(wrapped):
                    return await wrapped(*args, **kwargs)
                return wrapped(*args, **kwargs)
            return self.return_value  # made on first use, as a child mock
        except BaseException as exc:
            if is_cancellation(exc):
                with RECORD_LOCK:
                    state["_asyncmock_cancelled"] += 1
            raise
        finally:
            in_flight.discard(id(this_call))


# A coroutine never awaited warns under the stdlib's name, which suites'
# warning filters match: "coroutine 'AsyncMockMixin._execute_mock_call' was
# never awaited".  (unawaited_calls and strict mode name the call itself.)
AsyncBehaviour._mock_await.__name__ = "_execute_mock_call"
AsyncBehaviour._mock_await.__qualname__ = "AsyncMockMixin._execute_mock_call"

# inspect wants a dict (or None) here to take the mock for a function.  Set
# through the type rather than in the class body, where 3.14 gives the name
# a meaning of its own (PEP 749).
for _layer in (AsyncRecords, AsyncBehaviour):
    setattr(_layer, "__annotations__", {})
# ``inspect.signature(mock)`` shows ``(*args, **kwargs)``, as the stdlib's: the
# annotations are for type checkers.
AsyncBehaviour.__call__.__annotations__ = {}
