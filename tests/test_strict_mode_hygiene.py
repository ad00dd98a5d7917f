"""Strict mode as a hygiene gate: each problem fails the test that caused it, and clean tests pass.

Every check is driven through pytest with ``pytester``, both sides: the bad
code is caught and blamed on its own test, the good code passes.
"""
import asyncio
import sys
import unittest

import pytest

from asyncmock import AsyncMock, IsolatedAsyncioTestCase, strict_mode
from _support import plugin_args

pytest_plugins = ["pytester"]

PY37 = sys.version_info >= (3, 7)

# Each async test and fixture in a loop of its own, closed after the test
# body, as simple runners do; on 3.7+ it cancels what is left first, through
# asyncio.all_tasks, as asyncio.run does.
RUNNER = """
import asyncio
import inspect
import pytest

def run(coroutine):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        if hasattr(asyncio, "all_tasks"):
            left = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in left:
                task.cancel()
            if left:
                loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
        loop.close()

@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        kwargs = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        run(pyfuncitem.obj(**kwargs))
        return True
"""



def run_strict(pytester, *args):
    pytester.makeconftest(RUNNER)
    return pytester.runpytest_inprocess(*plugin_args(pytester), "-p", "no:cacheprovider", *args)


# --- coroutines -------------------------------------------------------------------------

COROUTINES = """
import asyncio
import gc

async def commit():
    pass

def test_forgets_await():
    commit()  # the coroutine is made and dropped: never awaited

def test_awaits_it():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(commit())
    loop.close()

def test_closes_it():
    commit().close()

def test_leaves_one_in_a_cycle():
    holder = [commit()]
    holder.append(holder)  # only the garbage collector can free it

def test_after_the_cycle():
    gc.collect()  # anything left over from the test before would be freed here
"""


def test_a_coroutine_never_awaited_fails_the_test_that_made_it_and_only_that_one(pytester):
    pytester.makepyfile(test_coroutines=COROUTINES)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=5, errors=2)
    output = result.stdout.str()
    assert "ERROR at teardown of test_forgets_await" in output
    assert "ERROR at teardown of test_leaves_one_in_a_cycle" in output
    assert "ERROR at teardown of test_after_the_cycle" not in output
    result.stdout.fnmatch_lines([
        "*asyncmock strict mode: 1 problem in this test:*",
        "*- [[]coroutines] coroutine 'commit' was never awaited*",
        "*Fix: await it (or pass it to asyncio.create_task and keep the task)*",
    ])
    if sys.implementation.name == "cpython" and PY37:
        result.stdout.fnmatch_lines(["*created at *test_coroutines.py:8 in test_forgets_await*"])


# --- tasks -------------------------------------------------------------------------------

TASKS = """
import asyncio
import pytest

async def serve_forever():
    await asyncio.sleep(3600)

async def test_starts_a_worker_and_forgets_it():
    asyncio.ensure_future(serve_forever())
    await asyncio.sleep(0)

async def test_cancels_and_awaits_its_worker():
    worker = asyncio.ensure_future(serve_forever())
    await asyncio.sleep(0)
    worker.cancel()
    with pytest.raises(asyncio.CancelledError):
        await worker

async def test_awaits_its_worker_to_the_end():
    worker = asyncio.ensure_future(asyncio.sleep(0.01))
    await worker
"""


def test_a_task_left_running_fails_its_test_and_says_where_it_waits(pytester):
    pytester.makepyfile(test_tasks=TASKS)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_starts_a_worker_and_forgets_it*",
        "*- [[]tasks] task*serve_forever* was still running when *; it was waiting at *test_tasks.py:5 in "
        "serve_forever (in *)*",
        "*created at *test_tasks.py:8 in test_starts_a_worker_and_forgets_it*",
        "*Fix: keep a reference and await it or cancel it*asyncio.TaskGroup*",
    ])


@pytest.mark.skipif(not PY37, reason="asyncio.run is 3.7+")
def test_a_task_left_to_asyncio_run_fails_the_sync_test_that_ran_it(pytester):
    pytester.makepyfile(test_sync="""
        import asyncio

        async def main():
            asyncio.ensure_future(asyncio.sleep(3600))
            await asyncio.sleep(0)

        def test_runs_main():
            asyncio.run(main())

        def test_runs_a_clean_main():
            asyncio.run(asyncio.sleep(0))

        async def ticks():
            while True:
                yield 1

        async def reads_one_tick():
            generator = ticks()
            await generator.__anext__()
            del generator  # the loop closes it, in a task of its own, as the run ends

        def test_leaves_an_async_generator_for_the_loop_to_close():
            asyncio.run(reads_one_tick())
    """)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*[[]tasks] task*was still running when the loop's owner cancelled what was left*"])


def test_the_tasks_of_a_loop_that_outlives_the_test_are_not_judged(pytester):
    pytester.makepyfile(test_shared="""
        import asyncio

        LOOP = asyncio.new_event_loop()

        def test_starts_a_task_on_a_loop_it_keeps():
            LOOP.run_until_complete(asyncio.sleep(0))
            LOOP.call_soon(lambda: asyncio.ensure_future(asyncio.sleep(3600), loop=LOOP))
            LOOP.run_until_complete(asyncio.sleep(0.01))

        def test_the_module_closes_its_loop():
            tasks = asyncio.all_tasks(LOOP) if hasattr(asyncio, "all_tasks") else asyncio.Task.all_tasks(LOOP)
            for task in tasks:
                task.cancel()
            LOOP.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            LOOP.close()
    """)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=2)


# --- task exceptions ----------------------------------------------------------------------

TASK_EXCEPTIONS = """
import asyncio

async def fail():
    raise ValueError("lost")

async def test_lets_a_task_fail_unseen():
    asyncio.ensure_future(fail())
    await asyncio.sleep(0)
    await asyncio.sleep(0)

async def test_handles_the_failure():
    task = asyncio.ensure_future(fail())
    await asyncio.sleep(0)
    assert isinstance(task.exception(), ValueError)
"""


def test_a_task_exception_nobody_retrieved_fails_its_test_with_the_traceback(pytester):
    pytester.makepyfile(test_lost=TASK_EXCEPTIONS)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_lets_a_task_fail_unseen*",
        "*- [[]task-exceptions] task*fail* ended with ValueError('lost'*), which nobody retrieved:*",
        "*Traceback (most recent call last):*",
        "*raise ValueError(\"lost\")*",
        "*Fix: await the task*",
    ])
    assert "Task exception was never retrieved" not in result.stdout.str() + result.stderr.str()


# --- loop errors ------------------------------------------------------------------------------

LOOP_ERRORS = """
import asyncio

def explode():
    raise ZeroDivisionError("in a callback")

async def test_a_callback_raises():
    asyncio.get_event_loop().call_soon(explode)
    await asyncio.sleep(0)

async def test_handles_errors_itself():
    seen = []
    loop = asyncio.get_event_loop()
    loop.set_exception_handler(lambda loop, context: seen.append(context["exception"]))
    loop.call_soon(explode)
    await asyncio.sleep(0)
    assert len(seen) == 1
"""


def test_an_error_given_to_the_loops_handler_fails_its_test(pytester):
    pytester.makepyfile(test_loop_errors=LOOP_ERRORS)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_a_callback_raises*",
        "*- [[]loop-errors] the loop's exception handler was called: Exception in callback explode()*",
        "*ZeroDivisionError: in a callback*",
        "*Fix: handle the error where it is raised*",
    ])


# --- choosing the checks ---------------------------------------------------------------------

def test_the_ini_option_names_the_checks_to_run(pytester):
    pytester.makepyfile(test_tasks=TASKS, test_coroutines=COROUTINES)
    pytester.makeini("[pytest]\nasyncmock_strict = calls, coroutines\n")
    result = run_strict(pytester)
    result.assert_outcomes(passed=8, errors=2)  # the coroutines; the forgotten worker passes
    assert "[tasks]" not in result.stdout.str()


def test_the_marker_narrows_or_widens_the_checks_for_one_test(pytester):
    pytester.makepyfile(test_marked="""
        import asyncio
        import pytest

        async def serve_forever():
            await asyncio.sleep(3600)

        @pytest.mark.asyncmock_strict(tasks=False)
        async def test_without_the_tasks_check():
            asyncio.ensure_future(serve_forever())
            await asyncio.sleep(0)

        @pytest.mark.asyncmock_strict(False)
        async def test_without_strict_mode():
            asyncio.ensure_future(serve_forever())
            await asyncio.sleep(0)

        @pytest.mark.asyncmock_strict(tasks=True)
        async def test_only_widened_in_a_lax_session():
            asyncio.ensure_future(serve_forever())
            await asyncio.sleep(0)
    """)
    strict = run_strict(pytester, "--asyncmock-strict")
    strict.assert_outcomes(passed=3, errors=1)
    lax = run_strict(pytester)
    lax.assert_outcomes(passed=3, errors=1)
    lax.stdout.fnmatch_lines(["*ERROR at teardown of test_only_widened_in_a_lax_session*"])


def test_an_unknown_check_is_a_usage_error_listing_the_checks(pytester):
    pytester.makepyfile(test_any="def test_any(): pass")
    result = run_strict(pytester, "-o", "asyncmock_strict=tasks,coroutine")
    assert result.ret != 0
    result.stderr.fnmatch_lines([
        "*asyncmock_strict: unknown strict-mode check 'coroutine'; the checks are: calls, typos, coroutines, tasks, "
        "task-exceptions, loop-errors (or true, false, warn)*",
    ])


def test_an_unknown_marker_keyword_is_the_tests_error_listing_the_checks(pytester):
    pytester.makepyfile(test_any="""
        import pytest

        @pytest.mark.asyncmock_strict(task=False)
        def test_typo():
            pass
    """)
    result = run_strict(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*@pytest.mark.asyncmock_strict: unknown check 'task'; the checks are: calls, typos, "
                                 "coroutines, tasks, task_exceptions, loop_errors*"])


def test_a_strict_flag_before_a_test_path_is_still_a_flag(pytester):
    pytester.makepyfile(test_tasks=TASKS)
    result = run_strict(pytester, "--asyncmock-strict", "test_tasks.py")
    result.assert_outcomes(passed=3, errors=1)


# --- report only --------------------------------------------------------------------------------

def test_report_only_fails_nothing_and_sums_up_per_check_test_and_place(pytester):
    pytester.makepyfile(test_tasks=TASKS, test_lost=TASK_EXCEPTIONS, test_coroutines=COROUTINES)
    for option in (["-o", "asyncmock_strict=warn"], ["-o", "asyncmock_strict=true,warn"]):
        # Python's own warning is left as it is: shown, as this run's filters say.
        result = run_strict(pytester, *option, "-W", "default::RuntimeWarning")
        result.assert_outcomes(passed=10)
        result.stdout.fnmatch_lines([
            "*asyncmock strict mode (report only)*",
            "calls*0",
            "coroutines*2",
            "tasks*1",
            "task-exceptions*1",
            "loop-errors*0",
            "tests with the most:",
            "*1  test_coroutines.py::test_forgets_await",
            "places with the most:",
        ])


def test_report_only_with_named_checks_counts_only_those(pytester):
    pytester.makepyfile(test_tasks=TASKS, test_coroutines=COROUTINES)
    result = run_strict(pytester, "-o", "asyncmock_strict=tasks,warn", "-W", "default::RuntimeWarning")
    result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(["*asyncmock strict mode (report only)*", "tasks*1"])
    assert "coroutines " not in result.stdout.str()


def test_report_only_with_nothing_found_says_so(pytester):
    pytester.makepyfile(test_clean="def test_clean(): pass")
    result = run_strict(pytester, "-o", "asyncmock_strict=warn")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*no problems found by: calls, typos, coroutines, tasks, task-exceptions, loop-errors*"])


def test_report_only_counts_forgotten_calls_and_misspelt_assertions(pytester):
    pytester.makepyfile(test_mocks="""
        from asyncmock import AsyncMock, MagicMock

        def test_forgets_a_mock_call():
            AsyncMock(name="save")(1)

        def test_misspells():
            MagicMock().asserT_called_once()
    """)
    result = run_strict(pytester, "-o", "asyncmock_strict=warn")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["calls*1", "typos*1"])


# --- @strict_mode: unittest without pytest ---------------------------------------------------

def _run_case(case):
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
    return result


def test_strict_mode_fails_each_leaky_test_of_a_test_case_and_passes_the_clean_ones():
    async def serve_forever():
        await asyncio.sleep(3600)

    async def fail():
        raise ValueError("lost")

    async def commit():
        pass

    @strict_mode
    class Case(IsolatedAsyncioTestCase):
        async def test_leaks_a_task(self):
            asyncio.ensure_future(serve_forever())
            await asyncio.sleep(0)

        async def test_loses_an_exception(self):
            asyncio.ensure_future(fail())
            await asyncio.sleep(0)
            await asyncio.sleep(0)

        def test_forgets_an_await(self):
            commit()

        def test_forgets_a_mock_call(self):
            AsyncMock(name="save")(1)

        async def test_is_clean(self):
            worker = asyncio.ensure_future(serve_forever())
            await asyncio.sleep(0)
            worker.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await worker

    result = _run_case(Case)
    failed = {test._testMethodName: text for test, text in result.failures}
    assert set(failed) == {"test_leaks_a_task", "test_loses_an_exception", "test_forgets_an_await", "test_forgets_a_mock_call"}
    assert result.errors == []
    assert "[task-exceptions]" in failed["test_loses_an_exception"]
    assert "[coroutines] coroutine" in failed["test_forgets_an_await"]
    assert "[calls] save(1) was called and never awaited" in failed["test_forgets_a_mock_call"]


def test_strict_mode_runs_only_the_checks_named():
    async def commit():
        pass

    @strict_mode(checks="tasks")
    class Case(unittest.TestCase):
        def test_forgets_an_await(self):
            commit().close()
            commit  # nothing dropped, nothing to tell

    assert _run_case(Case).wasSuccessful()


@pytest.mark.parametrize("value, error, message", [
    (3, TypeError, r"strict_mode\(\) checks must be a str"),
    ("tasks,warn", ValueError, r"strict_mode\(\) checks: 'warn' is for pytest's summary"),
    ("task", ValueError, r"unknown strict-mode check 'task'; the checks are: calls, typos"),
])
def test_strict_mode_refuses_checks_it_cannot_run(value, error, message):
    with pytest.raises(error, match=message):
        strict_mode(checks=value)


def test_strict_mode_decorates_only_a_test_case_class():
    with pytest.raises(TypeError, match=r"strict_mode\(\) decorates a unittest.TestCase class; its argument must be one"):
        strict_mode(object)


# --- the edges of each check ------------------------------------------------------------------

EDGES = """
import asyncio
import threading
import pytest

LOOP = asyncio.new_event_loop()
KEPT = []

async def fail():
    raise ValueError("lost long ago")

async def commit():
    pass

@pytest.mark.asyncmock_strict(False)
def test_a_lax_test_keeps_a_failed_task_on_a_shared_loop():
    KEPT.append(LOOP.create_task(fail()))
    LOOP.run_until_complete(asyncio.sleep(0.01))

def test_a_strict_test_that_frees_it_is_not_blamed():
    LOOP.run_until_complete(asyncio.sleep(0))  # the shared loop, watched now
    del KEPT[:]  # asyncio now logs the earlier test's task: not this test's doing
    LOOP.run_until_complete(asyncio.sleep(0))

def test_a_task_that_never_started_is_left_when_the_loop_closes():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.sleep(0))
    never = asyncio.sleep(1)
    loop.create_task(never)
    loop.close()
    never.close()  # (no warning when it is freed, after this run)

def test_its_own_task_factory_and_handler_are_kept_and_called():
    made, handled = [], []
    loop = asyncio.new_event_loop()
    loop.set_task_factory(lambda loop, coro: made.append(1) or asyncio.Task(coro, loop=loop))
    loop.set_exception_handler(lambda loop, context: handled.append(context["message"]))
    async def main():
        loop.call_soon(lambda: 1 / 0)
        await loop.create_task(asyncio.sleep(0))
    loop.run_until_complete(main())
    loop.set_task_factory(None)  # changed by the test: left as it is
    loop.close()
    assert made and handled

def test_two_loops_one_of_them_loses_an_exception():
    first, second = asyncio.new_event_loop(), asyncio.new_event_loop()
    first.run_until_complete(asyncio.sleep(0))
    task = first.create_task(fail())
    first.run_until_complete(asyncio.sleep(0.01))
    second.run_until_complete(asyncio.sleep(0))
    second.close()
    first.close()

def test_the_module_closes_its_loop():
    LOOP.close()
"""


def test_the_edges_of_each_check(pytester):
    pytester.makepyfile(test_edges=EDGES)
    result = run_strict(pytester, "--asyncmock-strict", "-W", "ignore::RuntimeWarning", "-p", "no:logging")
    result.assert_outcomes(passed=6, errors=3)
    result.stdout.fnmatch_lines_random([
        "*ERROR at teardown of test_a_task_that_never_started_is_left_when_the_loop_closes*",
        "*- [[]tasks] task*sleep* was still running when its loop was closed; it was not started yet*",
        "*ERROR at teardown of test_its_own_task_factory_and_handler_are_kept_and_called*",
        "*- [[]loop-errors] the loop's exception handler was called: Exception in callback*",
        "*ERROR at teardown of test_two_loops_one_of_them_loses_an_exception*",
        "*- [[]task-exceptions] task*fail* ended with ValueError('lost long ago'*",
    ])


def test_a_coroutine_another_thread_drops_is_told_where_the_interpreter_frees_it(pytester):
    pytester.makepyfile(test_thread="""
        import threading

        async def commit():
            pass

        def test_a_thread_drops_a_coroutine():
            thread = threading.Thread(target=commit)
            thread.start()
            thread.join()
    """)
    result = run_strict(pytester, "--asyncmock-strict", "-W", "ignore::RuntimeWarning")
    if sys.implementation.name == "cpython":
        result.assert_outcomes(passed=1)  # freed in its own thread: not the test's thread, not told
    else:
        result.assert_outcomes(passed=1, errors=1)  # PyPy frees it in the test's collection: told there


def test_a_session_without_the_loop_errors_check_lets_them_pass(pytester):
    pytester.makepyfile(test_loop_errors=LOOP_ERRORS)
    pytester.makeini("[pytest]\nasyncmock_strict = tasks\n")
    run_strict(pytester).assert_outcomes(passed=2)


def test_strict_mode_runs_a_test_given_no_result_and_ignores_awaited_mock_calls():
    @strict_mode
    class Case(unittest.TestCase):
        def test_awaits_its_mock(self):
            mock = AsyncMock()
            loop = asyncio.new_event_loop()
            loop.run_until_complete(mock(1))
            loop.close()

    result = Case("test_awaits_its_mock").run()
    assert result.wasSuccessful()


def test_an_xdist_worker_hands_its_findings_to_the_controller():
    from asyncmock import _pytest_plugin

    class Config:
        workeroutput = {}
        _asyncmock_findings = [("test_a.py::test_x", "tasks", "test_a.py:3 in test_x")]

    class Session:
        config = Config()

    _pytest_plugin.pytest_sessionfinish(Session())

    class Controller:
        _asyncmock_findings = []

    class Node:
        config = Controller()
        workeroutput = Config.workeroutput

    _pytest_plugin.pytest_testnodedown(Node(), None)
    assert Controller._asyncmock_findings == [("test_a.py::test_x", "tasks", "test_a.py:3 in test_x")]


def test_strict_mode_and_virtual_time_watch_the_same_test_together(pytester):
    pytester.makepyfile(test_both="""
        import asyncio
        import pytest

        async def serve_forever():
            await asyncio.sleep(3600)

        @pytest.mark.asyncmock_virtual_time
        async def test_leaks_in_virtual_time(asyncmock_clock):
            asyncio.ensure_future(serve_forever())
            start = asyncmock_clock.now
            await asyncio.sleep(60)
            assert asyncmock_clock.now - start == 60
            assert len(asyncio.all_tasks() if hasattr(asyncio, "all_tasks") else asyncio.Task.all_tasks()) == 2

        @pytest.mark.asyncmock_virtual_time
        async def test_is_clean_in_virtual_time():
            await asyncio.sleep(3600)
    """)
    result = run_strict(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_leaks_in_virtual_time*", "*[[]tasks] task*serve_forever*"])


def test_a_creation_site_with_no_frame_of_the_users_is_named_as_best_it_can_be():
    from asyncmock._hygiene import _user_site

    assert _user_site([]) == "an unknown place"
    assert _user_site([("/x/asyncio/tasks.py", 3, "sleep")]) == "/x/asyncio/tasks.py:3 in sleep"
