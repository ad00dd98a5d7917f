"""pytest-mock's ``mocker`` with asyncmock; ``async def`` tests run without a plugin.

The async tests run on a fresh event loop each through tests/_support.py, as
in the core suite, so this group needs pytest-mock and nothing else.
"""
import pytest

from _support import pytest_configure, pytest_report_header, run_async_test  # noqa: F401


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    return run_async_test(pyfuncitem)
