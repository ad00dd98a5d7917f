"""Let the examples use ``async def`` tests and fixtures with plain pytest.

Each test gets a fresh event loop, shared with its async fixtures and closed
after its teardown, so nothing leaks from one test to the next. Async
fixtures must be function-scoped. In a real project pytest-asyncio or anyio
does this job; the examples keep to pytest and asyncmock alone.
"""
import asyncio
import inspect

import pytest


def _loop_of(item):
    """Return the event loop of this test item, creating it on first use."""
    loop = getattr(item, "_examples_loop", None)
    if loop is None:
        loop = item._examples_loop = asyncio.new_event_loop()
        # Registered before the teardown of any fixture that needs the loop,
        # so it runs after all of them.
        item.addfinalizer(loop.close)
    return loop


def _run_on(loop, func):
    """Wrap an async test or fixture in a plain function that runs it on loop."""
    if inspect.isasyncgenfunction(func):

        def fixture(**kwargs):
            steps = func(**kwargs)
            yield loop.run_until_complete(steps.__anext__())
            try:
                loop.run_until_complete(steps.__anext__())  # the teardown
            except StopAsyncIteration:
                return
            raise RuntimeError(f"async fixture {func.__name__} yielded twice")

        return fixture

    def run(**kwargs):
        return loop.run_until_complete(func(**kwargs))

    return run


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Set up an async fixture on the loop of the test that requested it."""
    func = fixturedef.func
    if inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func):
        fixturedef.func = _run_on(_loop_of(request.node), func)
    yield
    fixturedef.func = func  # the next test brings a loop of its own


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run an async test on its loop; pytest then calls it like any other."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        pyfuncitem.obj = _run_on(_loop_of(pyfuncitem), pyfuncitem.obj)
