"""pytest-trio runs the ``@pytest.mark.trio`` tests and their async fixtures in one ``trio.run``.

The hooks from _support make the run refuse the checkout's asyncmock when it
should test the installed wheel.
"""
from _support import pytest_configure, pytest_report_header  # noqa: F401
