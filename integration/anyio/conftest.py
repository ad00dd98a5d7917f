"""anyio's pytest plugin runs each ``@pytest.mark.anyio`` test on asyncio and on trio.

The hooks from _support make the run refuse the checkout's asyncmock when it
should test the installed wheel.
"""
import pytest

from _support import pytest_configure, pytest_report_header  # noqa: F401


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request):
    return request.param
