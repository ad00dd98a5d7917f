"""IsolatedAsyncioTestCase: the stdlib's class on 3.8+, the backport on 3.6 and 3.7.

Each test runs a small ``unittest.TestCase`` through a ``unittest.TestResult``
and checks what ran, in which order, and what the result recorded.  The cases
derive from the public class (the stdlib's own on 3.8+, so there these tests
pin down the behaviour the backport must match) and from the backport, which
therefore runs against the same expectations on every interpreter.
"""
import asyncio
import unittest

import pytest

import _targets
import asyncmock
from asyncmock import AsyncMock, patch
from asyncmock._testcase import BackportIsolatedAsyncioTestCase, IsolatedAsyncioTestCase

try:
    import contextvars
except ImportError:  # Python 3.6
    contextvars = None

BASES = {"backport": BackportIsolatedAsyncioTestCase, "public": IsolatedAsyncioTestCase}
if IsolatedAsyncioTestCase is BackportIsolatedAsyncioTestCase:  # 3.6/3.7: one class
    del BASES["public"]

ORIGINAL_ASYNC_FUNCTION = _targets.async_function


@pytest.fixture(params=sorted(BASES))
def base(request):
    """The class each test case derives from."""
    return BASES[request.param]


def run_tests(case_class, *names):
    """Run the named tests of *case_class* (all of them by default); return the TestResult."""
    if names:
        suite = unittest.TestSuite([case_class(name) for name in names])
    else:
        suite = unittest.TestLoader().loadTestsFromTestCase(case_class)
    result = unittest.TestResult()
    suite.run(result)
    return result


def problems(result):
    """The failures and errors of *result* as (test description, traceback) pairs."""
    return [(str(test), text) for test, text in result.failures + result.errors]


def running_loop():
    """The loop running the calling coroutine (``get_running_loop`` is 3.7+)."""
    get_running_loop = getattr(asyncio, "get_running_loop", None)
    if get_running_loop is None:  # Python 3.6
        return asyncio._get_running_loop()
    return get_running_loop()


def current_task():
    """The running task (``asyncio.current_task`` is 3.7+)."""
    getter = getattr(asyncio, "current_task", None)
    if getter is None:  # Python 3.6
        return asyncio.Task.current_task()
    return getter()


# --- the public name ---------------------------------------------------------


def test_public_class_is_the_stdlib_class_where_there_is_one_else_the_backport():
    expected = getattr(unittest, "IsolatedAsyncioTestCase", BackportIsolatedAsyncioTestCase)
    assert IsolatedAsyncioTestCase is expected


def test_public_class_reports_the_module_that_defines_it():
    # The stdlib's class keeps its own __module__; only the backport claims asyncmock.
    stdlib_has_it = hasattr(unittest, "IsolatedAsyncioTestCase")
    expected = "unittest.async_case" if stdlib_has_it else "asyncmock"
    assert IsolatedAsyncioTestCase.__module__ == expected


def test_backport_is_named_like_the_stdlib_class():
    names = (BackportIsolatedAsyncioTestCase.__name__, BackportIsolatedAsyncioTestCase.__qualname__)
    assert names == ("IsolatedAsyncioTestCase", "IsolatedAsyncioTestCase")


def test_asyncmock_exports_the_public_class():
    assert asyncmock.IsolatedAsyncioTestCase is IsolatedAsyncioTestCase
    assert "IsolatedAsyncioTestCase" in asyncmock.__all__


def test_backport_is_a_testcase():
    assert issubclass(BackportIsolatedAsyncioTestCase, unittest.TestCase)


# --- order of set-up, test, tear-down and cleanups ---------------------------


def test_sync_set_up_and_tear_down_wrap_the_async_ones_around_the_test(base):
    record = []

    class Case(base):
        def setUp(self):
            record.append("setUp")

        async def asyncSetUp(self):
            record.append("asyncSetUp")

        async def test_it(self):
            record.append("test")

        async def asyncTearDown(self):
            record.append("asyncTearDown")

        def tearDown(self):
            record.append("tearDown")

    result = run_tests(Case)

    assert problems(result) == []
    assert record == ["setUp", "asyncSetUp", "test", "asyncTearDown", "tearDown"]


def test_cleanups_run_after_tear_down_last_in_first_out_sync_and_async_alike(base):
    record = []

    async def async_cleanup(name):
        await asyncio.sleep(0)
        record.append(name)

    class Case(base):
        async def asyncSetUp(self):
            self.addCleanup(record.append, "sync cleanup from asyncSetUp")
            self.addAsyncCleanup(async_cleanup, "async cleanup from asyncSetUp")

        async def test_it(self):
            self.addAsyncCleanup(async_cleanup, "async cleanup from the test")
            self.addCleanup(record.append, "sync cleanup from the test")

        def tearDown(self):
            record.append("tearDown")

    result = run_tests(Case)

    assert problems(result) == []
    assert record == [
        "tearDown",
        "sync cleanup from the test",
        "async cleanup from the test",
        "async cleanup from asyncSetUp",
        "sync cleanup from asyncSetUp",
    ]


def test_async_cleanup_receives_its_arguments(base):
    record = []

    async def cleanup(*args, **kwargs):
        record.append((args, kwargs))

    class Case(base):
        async def test_it(self):
            self.addAsyncCleanup(cleanup, 1, 2, key="value")

    result = run_tests(Case)

    assert problems(result) == []
    assert record == [((1, 2), {"key": "value"})]


def test_add_async_cleanup_without_a_function_is_a_type_error(base):
    class Case(base):
        def test_it(self):
            pass

    with pytest.raises(TypeError):
        Case("test_it").addAsyncCleanup()


def test_a_plain_test_method_runs_between_the_async_set_up_and_tear_down(base):
    record = []

    class Case(base):
        async def asyncSetUp(self):
            record.append("asyncSetUp")

        def test_it(self):
            record.append("sync test")

        async def asyncTearDown(self):
            record.append("asyncTearDown")

    result = run_tests(Case)

    assert problems(result) == []
    assert record == ["asyncSetUp", "sync test", "asyncTearDown"]


def test_each_test_method_of_a_case_runs_with_its_own_set_up(base):
    record = []

    class Case(base):
        async def asyncSetUp(self):
            record.append("asyncSetUp")

        async def test_one(self):
            record.append("test_one")

        async def test_two(self):
            record.append("test_two")

    result = run_tests(Case)

    assert result.testsRun == 2
    assert problems(result) == []
    assert record == ["asyncSetUp", "test_one", "asyncSetUp", "test_two"]


# --- failures and errors -----------------------------------------------------


def test_a_failed_assertion_in_an_async_test_is_a_failure_naming_the_test_line(base):
    class Case(base):
        async def test_it(self):
            await asyncio.sleep(0)
            self.assertEqual(1, 2, "the numbers differ")

    result = run_tests(Case)

    assert result.errors == []
    assert len(result.failures) == 1
    traceback = result.failures[0][1]
    assert "the numbers differ" in traceback
    assert 'self.assertEqual(1, 2, "the numbers differ")' in traceback


def test_an_exception_in_an_async_test_is_an_error(base):
    class Case(base):
        async def test_it(self):
            await asyncio.sleep(0)
            raise LookupError("no such user")

    result = run_tests(Case)

    assert result.failures == []
    assert len(result.errors) == 1
    assert "LookupError: no such user" in result.errors[0][1]


def test_a_cancelled_await_in_an_async_test_is_an_error(base):
    class Case(base):
        async def test_it(self):
            future = running_loop().create_future()
            future.cancel()
            await future

    result = run_tests(Case)

    assert result.failures == []
    assert len(result.errors) == 1
    assert "CancelledError" in result.errors[0][1]


def test_tear_downs_and_cleanups_still_run_after_a_failing_test(base):
    record = []

    class Case(base):
        async def test_it(self):
            self.addAsyncCleanup(asyncio.sleep, 0)
            self.addCleanup(record.append, "cleanup")
            self.fail("boom")

        async def asyncTearDown(self):
            record.append("asyncTearDown")

        def tearDown(self):
            record.append("tearDown")

    result = run_tests(Case)

    assert len(result.failures) == 1
    assert record == ["asyncTearDown", "tearDown", "cleanup"]


def test_an_error_in_async_set_up_skips_the_test_and_tear_downs_but_not_cleanups(base):
    record = []

    class Case(base):
        async def asyncSetUp(self):
            self.addCleanup(record.append, "cleanup")
            raise ConnectionError("database is down")

        async def test_it(self):
            record.append("test")

        async def asyncTearDown(self):
            record.append("asyncTearDown")

        def tearDown(self):
            record.append("tearDown")

    result = run_tests(Case)

    assert len(result.errors) == 1
    assert "ConnectionError: database is down" in result.errors[0][1]
    assert record == ["cleanup"]


def test_an_error_in_plain_set_up_skips_async_set_up_but_not_cleanups(base):
    record = []

    class Case(base):
        def setUp(self):
            self.addCleanup(record.append, "cleanup")
            raise ConnectionError("no config")

        async def asyncSetUp(self):
            record.append("asyncSetUp")

        async def test_it(self):
            record.append("test")

    result = run_tests(Case)

    assert len(result.errors) == 1
    assert record == ["cleanup"]


def test_an_error_in_async_tear_down_skips_sync_tear_down_and_is_an_error(base):
    record = []

    class Case(base):
        async def test_it(self):
            record.append("test")
            self.addCleanup(record.append, "cleanup")

        async def asyncTearDown(self):
            raise RuntimeError("could not close")

        def tearDown(self):
            record.append("tearDown")

    result = run_tests(Case)

    assert len(result.errors) == 1
    assert "RuntimeError: could not close" in result.errors[0][1]
    assert record == ["test", "cleanup"]


def test_an_error_in_an_async_cleanup_is_an_error_and_earlier_cleanups_still_run(base):
    record = []

    async def failing_cleanup():
        raise OSError("socket already closed")

    class Case(base):
        async def test_it(self):
            self.addCleanup(record.append, "first registered, runs last")
            self.addAsyncCleanup(failing_cleanup)

    result = run_tests(Case)

    assert len(result.errors) == 1
    assert "OSError: socket already closed" in result.errors[0][1]
    assert record == ["first registered, runs last"]


def test_skip_test_in_an_async_test_skips_it(base):
    class Case(base):
        async def test_it(self):
            await asyncio.sleep(0)
            self.skipTest("no network here")

    result = run_tests(Case)

    assert problems(result) == []
    assert [reason for _, reason in result.skipped] == ["no network here"]


def test_an_async_test_marked_expected_failure_that_fails_is_an_expected_failure(base):
    class Case(base):
        @unittest.expectedFailure
        async def test_it(self):
            await asyncio.sleep(0)
            self.fail("known bug")

    result = run_tests(Case)

    assert problems(result) == []
    assert len(result.expectedFailures) == 1


def test_failing_sub_tests_are_reported_one_by_one_and_the_test_goes_on(base):
    record = []

    class Case(base):
        async def test_it(self):
            for number in range(4):
                with self.subTest(number=number):
                    await asyncio.sleep(0)
                    record.append(number)
                    self.assertEqual(number % 2, 0)

    result = run_tests(Case)

    assert record == [0, 1, 2, 3]
    assert result.errors == []
    failed = [str(test) for test, _ in result.failures]
    assert len(failed) == 2
    assert "(number=1)" in failed[0]
    assert "(number=3)" in failed[1]


# --- the event loop ----------------------------------------------------------


def test_each_test_runs_on_a_new_loop_that_is_closed_afterwards(base):
    loops = []

    class Case(base):
        async def test_one(self):
            loops.append(running_loop())

        async def test_two(self):
            loops.append(running_loop())

    result = run_tests(Case)

    assert problems(result) == []
    assert len(loops) == 2
    assert loops[0] is not loops[1]
    assert [loop.is_closed() for loop in loops] == [True, True]


def test_set_up_test_tear_down_and_cleanups_share_the_loop(base):
    loops = []

    async def cleanup():
        loops.append(running_loop())

    class Case(base):
        async def asyncSetUp(self):
            loops.append(running_loop())
            self.addAsyncCleanup(cleanup)

        async def test_it(self):
            loops.append(running_loop())

        async def asyncTearDown(self):
            loops.append(running_loop())

    result = run_tests(Case)

    assert problems(result) == []
    assert len(loops) == 4
    assert len(set(map(id, loops))) == 1


def test_the_loop_runs_in_debug_mode(base):
    debug = []

    class Case(base):
        async def test_it(self):
            debug.append(running_loop().get_debug())

    result = run_tests(Case)

    assert problems(result) == []
    assert debug == [True]


def test_an_asyncio_queue_made_in_sync_set_up_works_in_the_async_test(base):
    # Before 3.10 a Queue binds to the current loop when it is created.
    received = []

    class Case(base):
        def setUp(self):
            self.queue = asyncio.Queue()

        async def test_it(self):
            self.queue.put_nowait("job")
            received.append(await self.queue.get())

    result = run_tests(Case)

    assert problems(result) == []
    assert received == ["job"]


def test_a_task_left_running_is_cancelled_after_the_cleanups(base):
    record = []
    tasks = []

    async def poll_forever():
        try:
            await running_loop().create_future()
        except asyncio.CancelledError:
            record.append("task cancelled")
            raise

    class Case(base):
        async def test_it(self):
            tasks.append(running_loop().create_task(poll_forever()))
            await asyncio.sleep(0)
            self.addCleanup(record.append, "cleanup")

    result = run_tests(Case)

    assert problems(result) == []
    assert record == ["cleanup", "task cancelled"]
    assert tasks[0].cancelled()


def test_a_suspended_async_generator_is_closed_before_the_loop_closes(base):
    record = []

    async def ticks():
        try:
            while True:
                yield "tick"
        finally:
            record.append("generator closed, loop open: {}".format(not running_loop().is_closed()))

    class Case(base):
        async def test_it(self):
            self.ticks = ticks()  # kept alive, so only the loop's shutdown closes it
            record.append(await self.ticks.__anext__())
            self.addCleanup(record.append, "cleanup")
            # A task left running too: the 3.8-3.10 stdlib class shuts async
            # generators down only when it had tasks to cancel.
            self.task = running_loop().create_task(asyncio.sleep(3600))

    result = run_tests(Case)

    assert problems(result) == []
    assert record == ["tick", "cleanup", "generator closed, loop open: True"]


def test_an_error_a_leftover_task_raises_when_cancelled_goes_to_the_exception_handler(base):
    reported = []

    class Case(base):
        async def test_it(self):
            loop = running_loop()
            loop.set_exception_handler(lambda loop, context: reported.append(context["exception"]))

            async def refuses_to_stop():
                try:
                    await loop.create_future()
                except asyncio.CancelledError:
                    raise LookupError("lost the connection while stopping")

            self.task = loop.create_task(refuses_to_stop())
            await asyncio.sleep(0)

    result = run_tests(Case)

    assert problems(result) == []
    assert [repr(error) for error in reported] == [
        repr(LookupError("lost the connection while stopping"))
    ]


# --- context variables (3.7+: Python 3.6 has no contextvars) -----------------

if contextvars is not None:
    REQUEST_ID = contextvars.ContextVar("REQUEST_ID", default="unset")

    def test_a_context_variable_set_in_async_set_up_is_seen_by_the_test_and_after(base):
        seen = []

        async def cleanup():
            seen.append(("cleanup", REQUEST_ID.get()))

        class Case(base):
            async def asyncSetUp(self):
                REQUEST_ID.set("req-1")
                self.addAsyncCleanup(cleanup)

            async def test_it(self):
                seen.append(("test", REQUEST_ID.get()))

            async def asyncTearDown(self):
                seen.append(("asyncTearDown", REQUEST_ID.get()))

        result = run_tests(Case)

        assert problems(result) == []
        assert seen == [("test", "req-1"), ("asyncTearDown", "req-1"), ("cleanup", "req-1")]

    def test_a_token_from_async_set_up_resets_its_variable_in_async_tear_down(base):
        seen = []

        class Case(base):
            async def asyncSetUp(self):
                self.token = REQUEST_ID.set("req-2")

            async def test_it(self):
                seen.append(REQUEST_ID.get())

            async def asyncTearDown(self):
                REQUEST_ID.reset(self.token)  # fails unless in the very same context
                seen.append(REQUEST_ID.get())

        result = run_tests(Case)

        assert problems(result) == []
        assert seen == ["req-2", "unset"]

    def test_backport_coroutines_see_context_values_a_plain_set_up_set():
        # As on 3.11+ (the 3.8-3.10 stdlib class starts its task before setUp).
        seen = []

        class Case(BackportIsolatedAsyncioTestCase):
            def setUp(self):
                REQUEST_ID.set("from setUp")

            async def test_it(self):
                seen.append(REQUEST_ID.get())

        result = run_tests(Case)

        assert problems(result) == []
        assert seen == ["from setUp"]
        assert REQUEST_ID.get() == "unset"

    def test_context_variables_set_by_a_test_do_not_leak_out_of_it(base):
        class Case(base):
            async def asyncSetUp(self):
                REQUEST_ID.set("req-3")

            async def test_it(self):
                REQUEST_ID.set("req-4")

        result = run_tests(Case)

        assert problems(result) == []
        assert REQUEST_ID.get() == "unset"


# --- with asyncmock ----------------------------------------------------------


def test_an_async_mock_awaited_in_an_async_test_records_the_await(base):
    client = AsyncMock()
    client.get.return_value = {"id": 7}

    class Case(base):
        async def test_it(self):
            self.assertEqual(await client.get("/users/7"), {"id": 7})
            client.get.assert_awaited_once_with("/users/7")

    result = run_tests(Case)

    assert problems(result) == []
    assert client.get.await_count == 1


def test_a_failed_await_assertion_is_a_test_failure(base):
    class Case(base):
        async def test_it(self):
            client = AsyncMock()
            await client.post("/users", {"name": "ada"})
            client.get.assert_awaited()

    result = run_tests(Case)

    assert result.errors == []
    assert len(result.failures) == 1
    assert "Expected get to have been awaited." in result.failures[0][1]


def test_patch_decorator_on_an_async_test_method_patches_while_it_awaits(base):
    record = []

    class Case(base):
        @patch(_targets.MODULE + ".async_function")
        async def test_it(self, async_function):
            async_function.return_value = "patched"
            record.append(await _targets.await_async_function(1, 2))
            async_function.assert_awaited_once_with(1, 2)

    result = run_tests(Case)

    assert problems(result) == []
    assert record == ["patched"]
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


def test_patch_started_in_async_set_up_is_undone_by_its_cleanup(base):
    record = []

    class Case(base):
        async def asyncSetUp(self):
            patcher = patch.object(_targets, "async_function", return_value="from setUp")
            self.async_function = patcher.start()
            self.addCleanup(patcher.stop)

        async def test_it(self):
            record.append(await _targets.await_async_function(3, 4))
            self.async_function.assert_awaited_once_with(3, 4)

    result = run_tests(Case)

    assert problems(result) == []
    assert record == ["from setUp"]
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


def test_an_async_mock_registered_as_async_cleanup_is_awaited_after_the_test(base):
    close = AsyncMock()
    awaits_during_test = []

    class Case(base):
        async def test_it(self):
            self.addAsyncCleanup(close, "session")
            awaits_during_test.append(close.await_count)

    result = run_tests(Case)

    assert problems(result) == []
    assert awaits_during_test == [0]
    close.assert_awaited_once_with("session")


# --- the backport only: debug() (the stdlib's before 3.11 skips asyncSetUp) ---


def test_backport_debug_runs_the_async_parts_on_a_loop_it_closes():
    record = []
    loops = []

    class Case(BackportIsolatedAsyncioTestCase):
        async def asyncSetUp(self):
            loops.append(running_loop())
            record.append("asyncSetUp")

        async def test_it(self):
            record.append("test")
            self.addAsyncCleanup(asyncio.sleep, 0)

        async def asyncTearDown(self):
            record.append("asyncTearDown")

    Case("test_it").debug()

    assert record == ["asyncSetUp", "test", "asyncTearDown"]
    assert loops[0].is_closed()


def test_backport_debug_lets_the_error_of_an_async_test_propagate():
    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            await asyncio.sleep(0)
            raise LookupError("no such user")

    with pytest.raises(LookupError, match="no such user"):
        Case("test_it").debug()


# --- the backport only: interrupted, stopped or cancelled runs; cleanups run by hand


def test_backport_keyboard_interrupt_in_an_async_test_stops_the_run_and_closes_the_loop():
    record = []
    loops = []

    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            loops.append(running_loop())
            raise KeyboardInterrupt

        async def asyncTearDown(self):
            record.append("asyncTearDown")

    with pytest.raises(KeyboardInterrupt):
        run_tests(Case)

    assert record == []
    assert loops[0].is_closed()


def test_backport_a_cleanup_that_stops_the_loop_is_an_error_and_the_run_still_ends():
    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            self.addAsyncCleanup(self.stop_the_loop)

        async def stop_the_loop(self):
            running_loop().stop()
            await asyncio.sleep(0)

    result = run_tests(Case)

    assert len(result.errors) == 1
    assert "Event loop stopped before Future completed." in result.errors[0][1]


def test_backport_an_async_test_that_stops_the_loop_is_an_error_and_tear_down_still_runs():
    record = []

    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            running_loop().stop()
            await asyncio.sleep(0)
            record.append("test finished")

        async def asyncTearDown(self):
            record.append("asyncTearDown")

    result = unittest.TestResult()
    Case("test_it").run(result)

    assert len(result.errors) == 1
    assert "Event loop stopped before Future completed." in result.errors[0][1]
    assert record == ["test finished", "asyncTearDown"]


def test_backport_a_last_async_cleanup_that_cancels_its_task_still_ends_the_run():
    record = []
    loops = []

    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            loops.append(running_loop())
            self.addAsyncCleanup(self.cancel_own_task)

        async def cancel_own_task(self):
            current_task().cancel()
            record.append("cleanup")

    result = unittest.TestResult()
    Case("test_it").run(result)

    assert record == ["cleanup"]
    assert loops[0].is_closed()


def test_backport_an_async_cleanup_run_outside_the_test_run_is_refused():
    class Case(BackportIsolatedAsyncioTestCase):
        def test_it(self):
            pass

    case = Case("test_it")
    case.addAsyncCleanup(asyncio.sleep, 0)

    assert case.doCleanups() is False  # the cleanup failed, and nothing hangs


class _AwaitableWithoutClose:
    """An awaitable that is not a coroutine: nothing to close when it is refused."""

    def __await__(self):
        yield from ()


def test_backport_a_cleanup_awaitable_without_close_run_outside_the_test_run_is_refused():
    class Case(BackportIsolatedAsyncioTestCase):
        def test_it(self):
            pass

    case = Case("test_it")
    case.addCleanup(_AwaitableWithoutClose)

    assert case.doCleanups() is False
