"""Helpers shared by the test suites: run coroutines without pytest plugins.

Everything here must work on Python 3.6 and avoid APIs that are deprecated on
any supported interpreter (no policies, no get_event_loop, no asyncio.run).
"""
import asyncio
import inspect
import os
import pathlib
import sys
import threading
import time

import pytest

SOURCE_ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(awaitable):
    """Run *awaitable* to completion in a brand-new event loop and return its result.

    Each call gets its own loop, so a test can run two loops in turn and no
    state leaks from one test into the next.
    """
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(awaitable)
    finally:
        try:
            _cancel_leftover_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            # Python 3.9+: join the default executor's threads like asyncio.run.
            if hasattr(loop, "shutdown_default_executor"):
                loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()


def second_thread_during(mock_class, hook_name, first_only, reach):
    """What *reach* gives a mock of *mock_class* in this thread, then in a second thread.

    The mock's class hooks its method *hook_name*: the first time
    *first_only* is true of the call's keyword arguments, the hook starts the
    second thread and gives it 50 ms to get as far as it can before this
    thread goes on.  What the second thread raises is returned, not raised.
    """
    asked = threading.Event()
    others = []
    got = []

    def in_second_thread(mock):
        asked.set()
        try:
            got.append(reach(mock))
        except Exception as error:  # returned for the test to look at
            got.append(error)

    def hooked(self, *args, **kwargs):
        if not asked.is_set() and first_only(kwargs):
            other = threading.Thread(target=in_second_thread, args=(self,))
            others.append(other)
            other.start()
            asked.wait()
            time.sleep(0.05)
        return original(self, *args, **kwargs)

    original = getattr(mock_class, hook_name)
    racing = type("Racing", (mock_class,), {hook_name: hooked})
    first = reach(racing())
    others[0].join()
    return [first] + got


def _cancel_leftover_tasks(loop):
    """Cancel tasks a test left pending, so closing the loop stays quiet and deterministic."""
    if sys.version_info >= (3, 7):
        tasks = asyncio.all_tasks(loop)
    else:
        tasks = asyncio.Task.all_tasks(loop)
    pending = [task for task in tasks if not task.done()]
    if not pending:
        return
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def run_async_test(pyfuncitem):
    """Body of the ``pytest_pyfunc_call`` hook: run ``async def`` tests via :func:`run`.

    Returns True when the test was handled, None to let pytest run it itself.
    """
    function = pyfuncitem.obj
    if not inspect.iscoroutinefunction(function):
        return None
    # Same fixture selection pytest's own default hook makes.
    kwargs = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    run(function(**kwargs))
    return True


def child_pytest(pytester, *args):
    """Run pytest in a child process on the files *pytester* made, with asyncmock's plugin.

    The child imports asyncmock from where this process did; the plugin comes
    from its entry point when installed, else (a checkout) is named with -p.
    """
    import asyncmock

    home = os.path.dirname(os.path.dirname(os.path.abspath(asyncmock.__file__)))
    pytester._monkeypatch.setenv("PYTHONPATH", home)
    plugin = []
    if not pytester.parseconfig().pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]
    return pytester.runpytest_subprocess("-W", "ignore::RuntimeWarning", *plugin, *args)


def is_coroutine_function_asyncio(obj):
    """``asyncio.iscoroutinefunction(obj)``, called only where it is not deprecated.

    Python 3.14 deprecates it (for removal in 3.16); there the answer comes from
    ``inspect.iscoroutinefunction``, which the asyncio function defers to apart
    from the legacy ``_is_coroutine`` marker.
    """
    if sys.version_info >= (3, 14):
        return inspect.iscoroutinefunction(obj)
    return asyncio.iscoroutinefunction(obj)


# The two pytest hooks below make a suite refuse to test the source tree when
# scripts/matrix.py sets ASYNCMOCK_EXPECT_INSTALLED=1; a conftest.py enables
# them with ``from _support import pytest_configure, pytest_report_header``.


def _expect_installed():
    return os.environ.get("ASYNCMOCK_EXPECT_INSTALLED") == "1"


def _inside_source_tree(path):
    try:
        pathlib.Path(path).resolve().relative_to(SOURCE_ROOT)
    except ValueError:
        return False
    return True


def pytest_configure(config):
    """Stop the run if asyncmock is imported from this checkout, not the installed wheel."""
    if not _expect_installed():
        return
    import asyncmock

    if _inside_source_tree(asyncmock.__file__):
        raise pytest.UsageError(
            "asyncmock was imported from the source tree ({}) instead of the "
            "installed wheel".format(asyncmock.__file__)
        )


def pytest_report_header(config):
    """Show which asyncmock the run tests, when the matrix runs it."""
    if not _expect_installed():
        return None
    import asyncmock

    return "asyncmock {} from {}".format(asyncmock.__version__, asyncmock.__file__)


def plugin_args(pytester):
    """The arguments that load asyncmock's plugin in a *pytester* run: none once installed."""
    if pytester.parseconfig().pluginmanager.hasplugin("asyncmock"):
        return []
    return ["-p", "asyncmock._pytest_plugin"]  # a checkout, not the installed wheel


#: A conftest for pytester runs: each ``async def`` test in a new loop of its
#: own, closed after it, as simple runners do (the suites use pytest alone).
LOOP_PER_TEST_CONFTEST = """
import asyncio
import inspect
import pytest

@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        kwargs = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(pyfuncitem.obj(**kwargs))
        finally:
            loop.close()
        return True
"""
