"""Feature: strict mode's hygiene gate fails the test that leaves a problem behind.

Each program below passes in a normal run and fails under strict mode: a
coroutine never awaited, a task left running, a task's exception nobody
retrieved, an error in a loop callback. Its fixed twin passes in both.
These examples run them in a pytest of their own, with pytester.
"""
import pytest

pytest_plugins = ["pytester"]

# Each async test in a loop of its own, cancelled and closed after it, as
# asyncio.run and pytest-asyncio do (written out: the examples use pytest only).
RUNNER = """
import asyncio
import inspect
import pytest

@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(pyfuncitem.obj())
        finally:
            tasks = asyncio.all_tasks(loop) if hasattr(asyncio, "all_tasks") else asyncio.Task.all_tasks(loop)
            for task in tasks:
                task.cancel()
            if tasks:
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.close()
        return True
"""

FORGOTTEN_AWAIT = """
class Session:
    async def commit(self):
        pass


async def save(session):
    session.commit()  # BUG: forgot `await`: nothing is committed


async def test_save_commits():
    await save(Session())
"""

LEAKED_TASK = """
import asyncio


async def heartbeat(every):
    while True:
        await asyncio.sleep(every)


async def test_the_worker_starts():
    asyncio.ensure_future(heartbeat(30))  # BUG: nobody stops it
    await asyncio.sleep(0)
"""

STOPPED_TASK = """
import asyncio


async def heartbeat(every):
    while True:
        await asyncio.sleep(every)


async def test_the_worker_starts_and_stops():
    worker = asyncio.ensure_future(heartbeat(30))
    await asyncio.sleep(0)
    worker.cancel()
    try:
        await worker
    except asyncio.CancelledError:
        pass
"""

LOST_EXCEPTION = """
import asyncio


async def refresh_token():
    raise ConnectionError("auth server down")


async def test_login_refreshes_in_the_background():
    asyncio.ensure_future(refresh_token())  # BUG: its failure goes nowhere
    await asyncio.sleep(0)
    await asyncio.sleep(0)
"""

CALLBACK_ERROR = """
import asyncio


def on_message(payload):
    return payload["id"]  # BUG: fails on a message without an id


async def test_a_message_without_an_id_is_dispatched():
    asyncio.get_event_loop().call_soon(on_message, {})
    await asyncio.sleep(0)
"""


@pytest.fixture
def run_strict(pytester, pytestconfig):
    """Run *program* (a test module) under --asyncmock-strict; return the result."""
    plugin = []
    if not pytestconfig.pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # asyncmock not installed: a checkout

    def run(program, *args):
        pytester.makeconftest(RUNNER)
        pytester.makepyfile(test_program=program)
        return pytester.runpytest(*plugin, "-W", "ignore::RuntimeWarning", *args)

    return run


def test_a_forgotten_await_fails_the_test(run_strict):
    result = run_strict(FORGOTTEN_AWAIT, "--asyncmock-strict")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*- [[]coroutines] coroutine 'Session.commit' was never awaited*",
        "*Fix: await it*",
    ])


def test_a_task_left_running_fails_the_test_and_its_stopped_twin_passes(run_strict):
    run_strict(LEAKED_TASK, "--asyncmock-strict").stdout.fnmatch_lines([
        "*- [[]tasks] task*heartbeat* was still running when *; it was waiting at *test_program.py:6 in "
        "heartbeat (in *)*",
        "*created at *test_program.py:10 in test_the_worker_starts*",
    ])
    run_strict(STOPPED_TASK, "--asyncmock-strict").assert_outcomes(passed=1)


def test_a_task_exception_nobody_retrieved_fails_the_test(run_strict):
    result = run_strict(LOST_EXCEPTION, "--asyncmock-strict")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*- [[]task-exceptions] task*refresh_token* ended with ConnectionError('auth server down'*), which nobody "
        "retrieved:*",
    ])


def test_an_exception_in_a_loop_callback_fails_the_test(run_strict):
    result = run_strict(CALLBACK_ERROR, "--asyncmock-strict")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*- [[]loop-errors] the loop's exception handler was called: Exception in callback on_message*",
        "*KeyError: 'id'*",
    ])


def test_every_program_passes_without_strict_mode(run_strict):
    for program in (FORGOTTEN_AWAIT, LEAKED_TASK, LOST_EXCEPTION, CALLBACK_ERROR):
        run_strict(program).assert_outcomes(passed=1)


def test_report_only_mode_fails_nothing_and_counts_what_it_found(run_strict):
    result = run_strict(LEAKED_TASK, "-o", "asyncmock_strict=warn")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*asyncmock strict mode (report only)*", "tasks*1"])
