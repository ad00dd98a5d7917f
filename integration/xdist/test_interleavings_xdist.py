"""Explored runs spread over xdist's workers, and a worker's replay line works in a plain run."""
import re

pytest_plugins = ["pytester"]

RACY = """
import asyncio
import os
import pytest
from asyncmock import AsyncMock

async def add_one(store, state):
    value = await store.get()
    await store.put(value + 1)

@pytest.mark.asyncmock_interleavings(runs=40)
async def test_two_increments_add_two():
    state = {"value": 0}
    store = AsyncMock()
    store.get.side_effect = lambda: state["value"]
    store.put.side_effect = lambda value: state.update(value=value)
    await asyncio.gather(add_one(store, state), add_one(store, state))
    print("worker", os.environ.get("PYTEST_XDIST_WORKER"))
    assert state["value"] == 2
"""

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
            loop.close()
        return True
"""


def test_the_runs_of_an_explored_test_spread_over_the_workers_and_replay_in_a_plain_run(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_racy=RACY)
    spread = pytester.runpytest_subprocess("-n", "2", "-p", "xdist", "-v")
    workers = set(re.findall(r"\[gw(\d)\]", spread.stdout.str()))
    assert workers == {"0", "1"}
    replay = re.search(r"or pytest '(test_racy\.py::\S+)' --asyncmock-seed=(\d+)", spread.stdout.str())
    assert replay is not None
    plain = pytester.runpytest_subprocess(replay.group(1), "--asyncmock-seed=" + replay.group(2))
    plain.assert_outcomes(failed=1)
    plain.stdout.fnmatch_lines(["*run 1 of 1 failed under seed %s*" % replay.group(2)])
