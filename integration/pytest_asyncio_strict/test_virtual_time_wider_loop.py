"""Virtual time on a module-scoped loop: each marked test's set-up, call and tear-down; real time between.

A fixture with the wider scope is in virtual time when a marked test sets it
up; the shared loop is back in real time for an unmarked test, and in
virtual time again for the next marked one.
"""
import asyncio

import pytest
import pytest_asyncio

HOUR = 3600.0
VERSION = tuple(int(part) for part in pytest_asyncio.__version__.split(".")[:2])

pytestmark = pytest.mark.skipif(VERSION < (0, 24), reason="loop_scope needs pytest-asyncio 0.24+")

if VERSION >= (0, 24):
    @pytest_asyncio.fixture(loop_scope="module", scope="module")
    async def module_service():
        loop = asyncio.get_event_loop()
        start = loop.time()
        await asyncio.sleep(HOUR)
        yield loop, start


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.asyncmock_virtual_time
async def test_a_module_fixture_set_up_for_a_marked_test_is_in_its_virtual_time(module_service):
    loop, start = module_service
    assert asyncio.get_event_loop() is loop
    assert loop.time() - start == HOUR


@pytest.mark.asyncio(loop_scope="module")
async def test_an_unmarked_test_on_the_shared_loop_runs_in_real_time(module_service):
    loop, _ = module_service
    assert "time" not in vars(loop)


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.asyncmock_virtual_time
async def test_the_next_marked_test_puts_the_shared_loop_in_virtual_time_again(module_service, asyncmock_clock):
    loop, _ = module_service
    assert loop.time() == asyncmock_clock.now
    start = asyncmock_clock.now
    await asyncio.sleep(HOUR)
    assert asyncmock_clock.now - start == HOUR
