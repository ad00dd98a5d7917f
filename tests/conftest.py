"""Run ``async def`` tests in a fresh event loop each, with nothing but pytest.

Also, when the matrix runner sets ASYNCMOCK_EXPECT_INSTALLED=1, refuse to run
unless ``asyncmock`` comes from the installed wheel rather than this checkout.
"""
import pytest

from _support import pytest_configure, pytest_report_header, run_async_test  # noqa: F401


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    return run_async_test(pyfuncitem)
