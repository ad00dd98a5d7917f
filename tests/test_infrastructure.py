"""The plugin-free async test runner in conftest.py and _support.py works."""
import asyncio

import pytest

from _support import is_coroutine_function_asyncio, run


def _running_loop():
    # asyncio.get_running_loop is 3.7+; 3.6 only has the underscore version.
    getter = getattr(asyncio, "get_running_loop", None) or asyncio._get_running_loop
    return getter()


async def _current_loop():
    await asyncio.sleep(0)
    return _running_loop()


@pytest.fixture
def body_ran():
    """A list the async test appends to; teardown fails if the body never ran."""
    marks = []
    yield marks
    assert marks == ["ran"], "the async test body was not run to completion"


async def test_async_test_body_runs_to_completion_with_fixtures(body_ran):
    await asyncio.sleep(0)
    body_ran.append("ran")


def test_run_returns_the_awaited_result():
    async def answer():
        await asyncio.sleep(0)
        return 42

    assert run(answer()) == 42


def test_run_uses_a_new_loop_per_call_and_closes_it():
    first = run(_current_loop())
    second = run(_current_loop())
    assert first is not second and first.is_closed() and second.is_closed()


def test_run_cancels_tasks_the_coroutine_left_pending():
    async def sleep_forever():
        await asyncio.sleep(3600)

    async def spawn():
        task = asyncio.ensure_future(sleep_forever())
        await asyncio.sleep(0)
        return task

    assert run(spawn()).cancelled()


def test_is_coroutine_function_asyncio_recognises_async_def():
    async def coroutine_function():
        pass

    assert is_coroutine_function_asyncio(coroutine_function)


def test_is_coroutine_function_asyncio_rejects_plain_functions():
    assert not is_coroutine_function_asyncio(lambda: None)
