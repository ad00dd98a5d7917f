"""pytest-asyncio in auto mode: every ``async def`` test and fixture is async.

The matrix passes ``-o asyncio_mode=auto``; the hooks below make the run
refuse the checkout's asyncmock when it should test the installed wheel.
"""
from _support import pytest_configure, pytest_report_header  # noqa: F401
