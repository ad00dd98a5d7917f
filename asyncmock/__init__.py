"""Awaitable mocks with one behaviour on every Python from 3.6 on.

``asyncmock`` is ``unittest.mock`` made async-aware: import the names you
already know from here instead and the async parts behave as on CPython 3.13.
"""
from unittest.mock import ANY, DEFAULT, FILTER_DIR, call, sentinel

from ._autospec import create_autospec
from ._mocks import (
    AsyncMagicMock,
    AsyncMock,
    MagicMock,
    Mock,
    NonCallableMagicMock,
    NonCallableMock,
    PropertyMock,
    mock_open,
    seal,
)
from ._patch import patch
from ._testcase import IsolatedAsyncioTestCase

__version__ = "0.1.0"

__all__ = [
    "ANY",
    "AsyncMagicMock",
    "AsyncMock",
    "DEFAULT",
    "FILTER_DIR",
    "IsolatedAsyncioTestCase",
    "MagicMock",
    "Mock",
    "NonCallableMagicMock",
    "NonCallableMock",
    "PropertyMock",
    "call",
    "create_autospec",
    "mock_open",
    "patch",
    "seal",
    "sentinel",
]
