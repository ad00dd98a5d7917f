"""``IsolatedAsyncioTestCase``: the standard library's on 3.8+, a backport below.

Where ``unittest.IsolatedAsyncioTestCase`` exists (3.8+), the public name is
that very class, so subclass and ``isinstance`` checks against the stdlib
hold.  On 3.6 and 3.7 the class written here stands in for it: ``async def``
test methods, ``asyncSetUp``, ``asyncTearDown`` and ``addAsyncCleanup``, a
fresh event loop in debug mode for each test, leftover tasks cancelled and
async generators closed before that loop closes.  Dropping 3.7 means deleting
the class and keeping the stdlib's.
"""
import asyncio
import contextlib
import functools
import inspect
import unittest
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

try:
    import contextvars
except ImportError:  # pragma: no cover - Python 3.6 has no contextvars
    contextvars = None  # type: ignore[assignment]

#: The stdlib's class (3.8+); ``None`` where the backport below stands in.
STDLIB_ISOLATED_ASYNCIO_TESTCASE = getattr(
    unittest, "IsolatedAsyncioTestCase", None
)  # type: Any

__all__ = [
    "BackportIsolatedAsyncioTestCase",
    "IsolatedAsyncioTestCase",
    "STDLIB_ISOLATED_ASYNCIO_TESTCASE",
]


def _pending_tasks(loop: asyncio.AbstractEventLoop) -> List["asyncio.Future[Any]"]:
    """The tasks of *loop* that have not finished yet."""
    all_tasks = getattr(asyncio, "all_tasks", None)
    if all_tasks is None:  # pragma: no cover - Python 3.6 keeps it on Task
        all_tasks = asyncio.Task.all_tasks  # type: ignore[attr-defined, unused-ignore]
    return [task for task in all_tasks(loop) if not task.done()]


async def _new_queue() -> "asyncio.Queue[Any]":
    """An ``asyncio.Queue`` bound to the running loop (3.6/3.7 bind at creation)."""
    return asyncio.Queue()


async def _settle(tasks: List["asyncio.Future[Any]"]) -> None:
    """Wait until every one of *tasks* is done, whatever its outcome."""
    await asyncio.gather(*tasks, return_exceptions=True)


def _self_and_function(method: str, args: Tuple[Any, ...]) -> Tuple[Any, Any, Tuple[Any, ...]]:
    """Split ``(self, function, *args)``: a cleanup may take ``self``/``function`` keywords."""
    if len(args) < 2:
        raise TypeError("{}() missing 1 required positional argument: 'function'".format(method))
    return args[0], args[1], args[2:]


class IsolatedAsyncioTestCase(unittest.TestCase):
    """A ``TestCase`` whose tests, set-ups, tear-downs and cleanups may be coroutines.

    Backport of :class:`unittest.IsolatedAsyncioTestCase` (Python 3.8+) for
    3.6 and 3.7.  Each test runs on its own new event loop, in debug mode and
    set as the current loop: ``setUp()``, then ``asyncSetUp()``, the test
    (plain or ``async def``), ``asyncTearDown()``, ``tearDown()``, then the
    cleanups in last-in first-out order, awaiting those that return an
    awaitable.  The coroutines of a test all run in one task, so on 3.7 they
    share their ``contextvars``.  Afterwards the loop's unfinished tasks are
    cancelled and awaited, its async generators closed and the loop closed.
    """

    def __init__(self, methodName: str = "runTest") -> None:
        super().__init__(methodName)
        # The prefix keeps clear of a subclass's attributes.  The loop's name is
        # the one the 3.8-3.10 stdlib class uses, which some suites read.
        self._asyncioTestLoop = None  # type: Optional[asyncio.AbstractEventLoop]
        self._asyncioTestContext = None  # type: Any
        self._asyncioWork = None  # type: Optional[asyncio.Queue[Any]]
        self._asyncioWorker = None  # type: Optional[asyncio.Future[Any]]

    async def asyncSetUp(self) -> None:
        """Prepare the test on its loop; runs after ``setUp()``.  Does nothing by default."""

    async def asyncTearDown(self) -> None:
        """Clean up on the test's loop; runs before ``tearDown()``.  Does nothing by default."""

    def addAsyncCleanup(*args: Any, **kwargs: Any) -> None:
        """Register ``function(*args, **kwargs)``, a coroutine function, as a cleanup.

        It is awaited on the test's loop, in last-in first-out order with the
        cleanups ``addCleanup()`` registered.
        """
        self, function, args = _self_and_function("addAsyncCleanup", args)
        self.addCleanup(function, *args, **kwargs)

    def addCleanup(*args: Any, **kwargs: Any) -> None:
        """As ``TestCase.addCleanup()``; an awaitable it returns is awaited on the loop."""
        self, function, args = _self_and_function("addCleanup", args)
        unittest.TestCase.addCleanup(self, self._asyncioCallMaybeAsync, function, args, kwargs)

    def run(self, result: Optional[unittest.TestResult] = None) -> Any:
        """Run the test on a fresh event loop, closed afterwards."""
        self._asyncioOpenLoop()
        try:
            with self._asyncioParts():
                return super().run(result)
        finally:
            self._asyncioCloseLoop()

    def debug(self) -> None:
        """Run the test without a result, exceptions propagating, as ``TestCase.debug()``."""
        self._asyncioOpenLoop()
        try:
            with self._asyncioParts():
                super().debug()
        finally:
            self._asyncioCloseLoop()

    # --- the parts of a test --------------------------------------------------

    @contextlib.contextmanager
    def _asyncioParts(self) -> Iterator[None]:
        """Route ``setUp``, the test method and ``tearDown`` through the loop while a test runs.

        ``TestCase.run()`` before 3.8 calls the three directly, so instance
        attributes shadow them for the duration of the run.
        """
        set_up, tear_down = self.setUp, self.tearDown
        test = getattr(self, self._testMethodName)

        def set_up_then_async() -> None:
            self._asyncioCallSync(set_up, (), {})
            self._asyncioCallMaybeAsync(self.asyncSetUp, (), {})

        def async_then_tear_down() -> None:
            self._asyncioCallMaybeAsync(self.asyncTearDown, (), {})
            self._asyncioCallSync(tear_down, (), {})

        # wraps() copies the skip and expected-failure marks run() looks for.
        @functools.wraps(test)
        def test_on_loop() -> Any:
            return self._asyncioCallMaybeAsync(test, (), {})

        shadows = {
            "setUp": set_up_then_async,
            "tearDown": async_then_tear_down,
            self._testMethodName: test_on_loop,
        }
        saved = {name: self.__dict__[name] for name in shadows if name in self.__dict__}
        self.__dict__.update(shadows)
        try:
            yield
        finally:
            for name in shadows:
                self.__dict__.pop(name, None)
            self.__dict__.update(saved)

    def _asyncioCallSync(self, function: Callable[..., Any], args: Tuple[Any, ...],
                         kwargs: Dict[str, Any]) -> Any:
        """Call *function* in the test's context (3.7+) and return its result."""
        context = self._asyncioTestContext
        if context is None:
            return function(*args, **kwargs)
        return context.run(function, *args, **kwargs)

    def _asyncioCallMaybeAsync(self, function: Callable[..., Any], args: Tuple[Any, ...],
                               kwargs: Dict[str, Any]) -> Any:
        """Call *function*; if it returns an awaitable, await that on the test's loop."""
        result = self._asyncioCallSync(function, args, kwargs)
        if inspect.isawaitable(result):
            return self._asyncioAwait(result)
        return result

    def _asyncioAwait(self, awaitable: Any) -> Any:
        """Await *awaitable* in the test's one task and return its result or raise its error."""
        loop = self._asyncioTestLoop
        if loop is None:
            close = getattr(awaitable, "close", None)
            if close is not None:
                close()  # refused: no "never awaited" warning on top
            raise RuntimeError("a test's coroutines run only inside run() or debug()")
        if self._asyncioWorker is None:
            self._asyncioStartWorker(loop)
        assert self._asyncioWork is not None
        outcome = loop.create_future()
        self._asyncioWork.put_nowait((awaitable, outcome))
        try:
            return loop.run_until_complete(outcome)
        finally:
            # Abandons an outcome the loop stopped before (loop.stop(), Ctrl-C):
            # the worker then drops its result instead of logging it unretrieved.
            outcome.cancel()

    # --- the loop and the task the coroutines share ---------------------------

    def _asyncioStartWorker(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start the task that awaits every coroutine of the test, one after another.

        A task copies the context it is created in, so it starts in the test's
        context as ``setUp()`` left it.
        """
        work = self._asyncioWork = loop.run_until_complete(_new_queue())
        worker = self._asyncioWorkOn(work)
        if self._asyncioTestContext is None:
            self._asyncioWorker = loop.create_task(worker)
        else:
            self._asyncioWorker = self._asyncioTestContext.run(loop.create_task, worker)

    async def _asyncioWorkOn(self, work: "asyncio.Queue[Any]") -> None:
        """Await each queued awaitable and pass on its outcome, until ``None`` arrives."""
        while True:
            item = await work.get()
            if item is None:
                return
            awaitable, outcome = item
            try:
                result = await awaitable
            except (KeyboardInterrupt, SystemExit):
                raise  # stops the whole run, as it does outside asyncio
            except BaseException as error:  # the test's failures, CancelledError included
                if not outcome.cancelled():
                    outcome.set_exception(error)
            else:
                if not outcome.cancelled():
                    outcome.set_result(result)

    def _asyncioOpenLoop(self) -> None:
        """Create the test's loop: new, in debug mode, the current loop until the test ends."""
        assert self._asyncioTestLoop is None, "this test's event loop is already open"
        loop = asyncio.new_event_loop()
        # The current loop is what asyncio.Future(), Queue() and Event() bind to
        # on 3.6/3.7 when made in a sync setUp(), and what child watchers use.
        asyncio.set_event_loop(loop)
        loop.set_debug(True)
        self._asyncioTestLoop = loop
        if contextvars is not None:
            self._asyncioTestContext = contextvars.copy_context()

    def _asyncioCloseLoop(self) -> None:
        """Stop the worker, cancel leftover tasks, close async generators, close the loop."""
        loop = self._asyncioTestLoop
        assert loop is not None
        work, worker = self._asyncioWork, self._asyncioWorker
        self._asyncioTestLoop = self._asyncioTestContext = None
        self._asyncioWork = self._asyncioWorker = None
        try:
            if worker is not None:
                if worker.done():
                    if not worker.cancelled():
                        worker.exception()  # retrieved: it was raised already
                elif work is not None:  # pragma: no branch - the worker starts only once its queue exists
                    # Cancelled below with the leftovers; the None also ends it if a
                    # test coroutine it still awaits (after loop.stop()) eats the cancel.
                    work.put_nowait(None)
            self._asyncioCancelLeftovers(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    @staticmethod
    def _asyncioCancelLeftovers(loop: asyncio.AbstractEventLoop) -> None:
        """Cancel and await the tasks the test left running; report errors they raise."""
        tasks = _pending_tasks(loop)
        if not tasks:
            return
        for task in tasks:
            task.cancel()
        loop.run_until_complete(_settle(tasks))
        for task in tasks:
            if not task.cancelled() and task.exception() is not None:
                loop.call_exception_handler({
                    "message": "unhandled exception during test shutdown",
                    "exception": task.exception(),
                    "task": task,
                })


#: The backport, under a name tests can reach on every interpreter.
BackportIsolatedAsyncioTestCase = IsolatedAsyncioTestCase

if STDLIB_ISOLATED_ASYNCIO_TESTCASE is not None:
    # The stdlib's class itself: its __module__ stays "unittest.async_case".
    IsolatedAsyncioTestCase = STDLIB_ISOLATED_ASYNCIO_TESTCASE  # type: ignore[misc]
else:  # pragma: no cover - 3.6 and 3.7 only
    IsolatedAsyncioTestCase.__module__ = "asyncmock"
