"""pytest-asyncio in strict mode: only marked tests and pytest_asyncio fixtures are async.

The matrix passes ``-o asyncio_mode=strict``; the hooks below make the run
refuse the checkout's asyncmock when it should test the installed wheel.
"""
from _support import pytest_configure, pytest_report_header  # noqa: F401
