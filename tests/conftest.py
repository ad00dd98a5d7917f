"""Run ``async def`` tests in a fresh event loop each, with nothing but pytest.

When the matrix runner sets ASYNCMOCK_EXPECT_INSTALLED=1, refuse to run unless
``asyncmock`` comes from the installed wheel rather than this source tree.
"""
import os
import pathlib

import pytest

from _support import run_async_test

SOURCE_ROOT = pathlib.Path(__file__).resolve().parent.parent


def _imported_from_source_tree(module_file):
    """Whether *module_file* lives inside this checkout."""
    try:
        pathlib.Path(module_file).resolve().relative_to(SOURCE_ROOT)
    except ValueError:
        return False
    return True


def pytest_configure(config):
    if os.environ.get("ASYNCMOCK_EXPECT_INSTALLED") != "1":
        return
    import asyncmock

    if _imported_from_source_tree(asyncmock.__file__):
        raise pytest.UsageError(
            "asyncmock was imported from the source tree ({}) instead of the "
            "installed wheel".format(asyncmock.__file__)
        )


def pytest_report_header(config):
    if os.environ.get("ASYNCMOCK_EXPECT_INSTALLED") != "1":
        return None
    import asyncmock

    return "asyncmock {} from {}".format(asyncmock.__version__, asyncmock.__file__)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    return run_async_test(pyfuncitem)
