"""``ThreadingMock`` (CPython 3.13+) on every version: wait for calls made by other threads."""
import threading
from typing import Any, Optional, cast

from ._compat import stdlib
from ._mocks import MagicMock

__all__ = ["ThreadingMock"]

#: ``timeout=`` not given (None is a timeout: wait forever).
DEFAULT_ARG = object()
#: Its stdlib namesake where there is one, so ``isinstance`` checks hold.
_STD_BASES = (stdlib.ThreadingMock,) if hasattr(stdlib, "ThreadingMock") else ()


class ThreadingBehaviour(MagicMock):
    """Sets an event on every call, which ``wait_until_*`` wait on with a timeout."""

    #: The timeout of mocks made without ``timeout=``; None waits forever.
    DEFAULT_TIMEOUT = None  # type: Optional[float]

    def __init__(self, *args: Any, timeout: Any = DEFAULT_ARG, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state = self.__dict__
        state["_mock_event"] = threading.Event()  # any call
        state["_mock_calls_events"] = []  # (args, kwargs, event) per call waited for
        state["_mock_calls_events_lock"] = threading.Lock()
        state["_mock_wait_timeout"] = type(self).DEFAULT_TIMEOUT if timeout is DEFAULT_ARG else timeout

    def _get_child_mock(self, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self.__dict__["_mock_wait_timeout"])
        return super()._get_child_mock(**kwargs)

    def reset_mock(self, *args: Any, **kwargs: Any) -> None:
        """As ``Mock.reset_mock``; calls waited for must be made again."""
        super().reset_mock(*args, **kwargs)
        self.__dict__["_mock_event"] = threading.Event()
        self.__dict__["_mock_calls_events"] = []

    def _event_for(self, args: Any, kwargs: Any) -> threading.Event:
        with self.__dict__["_mock_calls_events_lock"]:
            for known_args, known_kwargs, known in self.__dict__["_mock_calls_events"]:
                if (known_args, known_kwargs) == (args, kwargs):
                    return cast(threading.Event, known)
            event = threading.Event()
            self.__dict__["_mock_calls_events"].append((args, kwargs, event))
        return event

    def _mock_call(*args: Any, **kwargs: Any) -> Any:
        self, args = args[0], args[1:]  # 'self' may be one of the call's keywords
        result = super(ThreadingBehaviour, self)._mock_call(*args, **kwargs)
        self._event_for(args, kwargs).set()
        self.__dict__["_mock_event"].set()
        return result

    def _increment_mock_call(*args: Any, **kwargs: Any) -> None:
        self, args = args[0], args[1:]
        with self.__dict__["_mock_calls_events_lock"]:
            super(ThreadingBehaviour, self)._increment_mock_call(*args, **kwargs)

    def wait_until_called(self, *, timeout: Any = DEFAULT_ARG) -> None:
        """Wait until the mock is called; AssertionError after *timeout* seconds (None: forever)."""
        __tracebackhide__ = True
        if timeout is DEFAULT_ARG:
            timeout = self.__dict__["_mock_wait_timeout"]
        if not self.__dict__["_mock_event"].wait(timeout=timeout):
            raise AssertionError(
                "%s was not called before timeout(%s)." % (self._mock_name or "mock", timeout)
            )

    def wait_until_any_call_with(self, *args: Any, **kwargs: Any) -> None:
        """Wait until the mock is called with these arguments, up to the mock's timeout."""
        __tracebackhide__ = True
        if not self._event_for(args, kwargs).wait(timeout=self.__dict__["_mock_wait_timeout"]):
            raise AssertionError("%s call not found" % self._format_mock_call_signature(args, kwargs))


class ThreadingMock(ThreadingBehaviour, *_STD_BASES):  # type: ignore[misc]
    """A ``MagicMock`` whose calls can be waited for from another thread (CPython 3.13+'s)."""


ThreadingMock.__module__ = "asyncmock"
