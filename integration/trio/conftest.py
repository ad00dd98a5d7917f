"""The trio group shares the core suite's installed-package check."""
from _support import pytest_configure, pytest_report_header  # noqa: F401
