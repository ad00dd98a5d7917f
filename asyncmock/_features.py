"""What asyncmock adds to a mock beyond the stdlib: waiting, never-awaited calls, in-flight counts.

These live apart from the async half (``_async``), which must mirror the
stdlib; it only keeps the records read here (pending calls, awaits in
flight) and calls :func:`notify_waiters` after each await.  Everything here
works under asyncio and trio, and binds to no event loop before it is used.
"""
from typing import Any, Callable, List, Optional, Set, Tuple

from ._checks import check_bool, check_delay
from ._compat import Call, CallList, MockMixin, stdlib
from ._loop import Event
from ._names import dotted_name
from ._records import RECORD_LOCK

__all__ = [
    "EXTRA_NAMES",
    "AsyncProtocolShortcuts",
    "AwaitFeatures",
    "AwaitTree",
    "notify_waiters",
]

DEFAULT = stdlib.DEFAULT

#: The public names asyncmock adds to mocks beyond ``unittest.mock``'s, each
#: documented in docs/features.md.  A spec with an attribute of one of these
#: names wins: the mock gives the spec's child (see ``SpecWins``).
EXTRA_NAMES = frozenset({
    "DEFAULT_TIMEOUT", "aenter_return_value", "aiter_return_value", "assert_all_awaited",
    "mock_awaits",
    "await_delay", "awaits_in_flight", "cancelled_await_count", "max_awaits_in_flight",
    "sync_results", "unawaited_calls", "wait_timeout", "wait_until_any_await_with",
    "wait_until_awaited",
})


def notify_waiters(mock: Any) -> None:
    """Wake the waiters whose condition the latest await fulfilled."""
    for ready, event in list(mock.__dict__.get("_asyncmock_waiters") or ()):
        if ready():
            event.set()


class AwaitFeatures(MockMixin):
    """Waiting for awaits, never-awaited calls and controllable awaits, for async mocks."""

    #: The timeout of the ``wait_until_*`` methods when neither the call nor
    #: ``wait_timeout=`` gives one; None waits forever.
    DEFAULT_TIMEOUT = None  # type: Optional[float]

    @property
    def max_awaits_in_flight(self) -> int:
        """The most awaits that were in flight at once."""
        return self.__dict__["_asyncmock_max_in_flight"]  # type: ignore[no-any-return]

    @max_awaits_in_flight.setter
    def max_awaits_in_flight(self, value: int) -> None:
        self.__dict__["_asyncmock_max_in_flight"] = value

    @property
    def cancelled_await_count(self) -> int:
        """Awaits cancelled while suspended (they are recorded as awaits too)."""
        return self.__dict__["_asyncmock_cancelled"]  # type: ignore[no-any-return]

    @cancelled_await_count.setter
    def cancelled_await_count(self, value: int) -> None:
        self.__dict__["_asyncmock_cancelled"] = value

    @property
    def await_delay(self) -> "Optional[float]":
        """Seconds each await suspends for (``0``: yields once); None: does not suspend."""
        return self.__dict__.get("_asyncmock_delay")

    @await_delay.setter
    def await_delay(self, value: "Optional[float]") -> None:
        check_delay("await_delay", value)
        self.__dict__["_asyncmock_delay"] = value

    @property
    def wait_timeout(self) -> "Optional[float]":
        """This mock's default timeout for ``wait_until_*`` (else ``DEFAULT_TIMEOUT``)."""
        value = self.__dict__.get("_asyncmock_wait_timeout", DEFAULT)
        return type(self).DEFAULT_TIMEOUT if value is DEFAULT else value

    @wait_timeout.setter
    def wait_timeout(self, value: "Optional[float]") -> None:
        check_delay("wait_timeout", value)
        self.__dict__["_asyncmock_wait_timeout"] = value

    @property
    def awaits_in_flight(self) -> int:
        """Awaits started and not finished yet (suspended in a delay or side effect)."""
        return len(self.__dict__["_asyncmock_in_flight"])

    @property
    def sync_results(self) -> bool:
        """Whether what an await gives (and its children) is a plain MagicMock."""
        return bool(self.__dict__.get("_asyncmock_sync_results"))

    @sync_results.setter
    def sync_results(self, value: bool) -> None:
        check_bool("sync_results", value)
        self.__dict__["_asyncmock_sync_results"] = bool(value)

    @property
    def unawaited_calls(self) -> CallList:
        """Calls of this mock and its children whose coroutine never started running.

        Named as in ``mock_calls``: ``call(1)`` for the mock itself,
        ``call.delete('key')`` for a child.
        """
        return CallList(_pending_in_tree(self))

    def assert_all_awaited(_mock_self) -> None:
        """Assert every call made so far was awaited (or its coroutine is running)."""
        __tracebackhide__ = True
        pending = _mock_self.unawaited_calls
        if pending:
            raise AssertionError(
                "Expected every call of %s to have been awaited. Never awaited: %s. "
                "Did you forget `await`?" % (dotted_name(_mock_self), pending)
            )

    async def wait_until_awaited(
        _mock_self, *, count: int = 1, timeout: "Optional[float]" = DEFAULT
    ) -> None:
        """Return once the mock has been awaited *count* times (at once if it has).

        Raises:
            AssertionError: *timeout* seconds passed first (naming the awaits seen).
        """
        __tracebackhide__ = True
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError("count must be an int; got %r (%s)" % (count, type(count).__name__))
        if count < 0:
            raise ValueError("count must be >= 0; got %r" % (count,))
        mock = _mock_self
        await _wait_until(
            mock, lambda: mock.await_count >= count, timeout,
            "awaited %d time%s" % (count, "" if count == 1 else "s"),
        )

    async def wait_until_any_await_with(_mock_self, *args: Any, **kwargs: Any) -> None:
        """Return once an await with these arguments has been recorded (at once if it has).

        Waits up to ``wait_timeout`` (or ``DEFAULT_TIMEOUT``) seconds.
        """
        __tracebackhide__ = True
        mock = _mock_self

        def ready() -> bool:
            try:
                mock.assert_any_await(*args, **kwargs)
            except AssertionError:
                return False
            return True

        await _wait_until(
            mock, ready, DEFAULT,
            "awaited with %s" % mock._format_mock_call_signature(args, kwargs),
        )


class AwaitTree(MockMixin):
    """``mock_awaits``: the awaits of a mock and of every descendant, for every mock."""

    @property
    def mock_awaits(self) -> CallList:
        """Awaits of this mock and its children, in the order they started, named as in ``mock_calls``.

        ``call.get('/a')`` for a child, ``call.session().get('/a')`` through a
        return value, ``call('x')`` for the mock itself; a call that was never
        awaited is not there.  Cleared by ``reset_mock``.
        """
        found = []  # type: List[Tuple[int, Any]]
        for node, prefix in _tree(self):
            state = node.__dict__
            if "_asyncmock_await_log" not in state:
                continue  # a sync mock: nothing is awaited on it
            log = list(state["_asyncmock_await_log"])  # order, call, order, call...
            for order, this_call in zip(log[::2], log[1::2]):
                found.append((order, Call((prefix, this_call[0], this_call[1]))))
        found.sort(key=lambda entry: entry[0])
        return CallList(named for _, named in found)


def _tree(mock: Any) -> "List[Tuple[Any, str]]":
    """*mock* and the descendants it made, each with its name from *mock* (as in ``mock_calls``)."""
    nodes = []  # type: List[Tuple[Any, str]]
    seen = set()  # type: Set[int]

    def walk(node: Any, prefix: str) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        nodes.append((node, prefix))
        state = node.__dict__
        for name, child in list(state.get("_mock_children", {}).items()):
            if isinstance(child, stdlib.NonCallableMock) and child.__dict__["_mock_new_parent"] is node:
                walk(child, prefix + "." + name if prefix else name)
        returned = state.get("_mock_return_value")
        if isinstance(returned, stdlib.NonCallableMock) and returned.__dict__["_mock_new_parent"] is node:
            walk(returned, prefix + "()")

    walk(mock, "")
    return nodes


def _pending_in_tree(mock: Any) -> "List[Any]":
    """The never-started calls of *mock* and of the children it made, named from it."""
    found = []  # type: List[Any]
    for node, prefix in _tree(mock):
        for pending in list(node.__dict__.get("_asyncmock_pending", {}).values()):
            found.append(pending if not prefix else Call((prefix, pending[0], pending[1])))
    return found


async def _wait_until(mock: Any, ready: "Callable[[], bool]", timeout: Any, wanted: str) -> None:
    __tracebackhide__ = True
    if timeout is DEFAULT:
        timeout = mock.wait_timeout
    check_delay("timeout", timeout)
    if ready():
        return
    event = Event()
    waiter = (ready, event)  # type: Tuple[Callable[[], bool], Event]
    with RECORD_LOCK:
        waiters = mock.__dict__.setdefault("_asyncmock_waiters", [])  # type: List[Any]
        waiters.append(waiter)
    try:
        if ready() or await event.wait(timeout):
            return
    finally:
        with RECORD_LOCK:
            waiters.remove(waiter)
    raise AssertionError(
        "%s was not %s within %s seconds. Awaits: %s"
        % (dotted_name(mock), wanted, timeout, mock.await_args_list)
    )


class AsyncProtocolShortcuts(MockMixin):
    """Say what ``async with`` gives and ``async for`` yields, in one assignment."""

    @property
    def aenter_return_value(self) -> Any:
        """What ``async with mock as value`` binds: ``mock.__aenter__.return_value``."""
        return self.__aenter__.return_value

    @aenter_return_value.setter
    def aenter_return_value(self, value: Any) -> None:
        self.__aenter__.return_value = value

    @property
    def aiter_return_value(self) -> Any:
        """What ``async for item in mock`` iterates: ``mock.__aiter__.return_value``."""
        return self.__aiter__.return_value

    @aiter_return_value.setter
    def aiter_return_value(self, value: Any) -> None:
        self.__aiter__.return_value = value
