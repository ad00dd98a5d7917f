"""Awaitable mocks with one behaviour on every Python from 3.6 on.

``asyncmock`` is ``unittest.mock`` made async-aware: import the names you
already know from here instead, and they behave as the newest CPython's
(3.15) on every interpreter.  The layers, bottom to top, are in
docs/architecture.md.
"""
from typing import TYPE_CHECKING, List
from unittest.mock import ANY, DEFAULT, FILTER_DIR

from ._autospec import create_autospec
# The stdlib's own from 3.8 (sentinel: 3.7); before, ours, as the newest stdlib's.
# _Call (private, not in __all__) for code that names the class, as unittest.mock's.
from ._compat import Call as _Call, call, sentinel
from ._compat import InvalidSpecError
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

# Type checkers (which check code for 3.8+) see what runs there: ``patch``
# with the attributes they cannot see on a plain function (patch.object...),
# and the stdlib's own IsolatedAsyncioTestCase.
if TYPE_CHECKING:  # pragma: no cover
    from unittest import IsolatedAsyncioTestCase

    from ._install import install, uninstall
    from ._interleavings import InterleavingFailure, checkpoint, interleavings
    from ._patch_typing import typed_patch as patch
    from ._strict_mode import strict_mode
    from ._threading import ThreadingMock
    from ._virtual_time import VirtualClock, virtual_time
else:
    from ._compat import LAZY_MODULE_ATTRIBUTES
    from ._patch import patch

    if LAZY_MODULE_ATTRIBUTES:
        # Only on use, each module loaded the first time one of its names is:
        # the 3.6/3.7 backport imports asyncio (20-35 ms there), and the
        # rest serve the tests that ask for them (a module costs about 0.1 ms).
        _LAZY = {
            "IsolatedAsyncioTestCase": "_testcase",
            "InterleavingFailure": "_interleavings",
            "ThreadingMock": "_threading",
            "VirtualClock": "_virtual_time",
            "checkpoint": "_interleavings",
            "install": "_install",
            "interleavings": "_interleavings",
            "strict_mode": "_strict_mode",
            "uninstall": "_install",
            "virtual_time": "_virtual_time",
        }

        def __getattr__(name: str) -> object:
            module = _LAZY.get(name)
            if module is None:
                raise AttributeError("module 'asyncmock' has no attribute %r" % (name,))
            import importlib

            return getattr(importlib.import_module("." + module, __name__), name)

        def __dir__() -> List[str]:
            """The module's names, the lazy ones among them."""
            return sorted(set(globals()) | set(__all__))

    else:  # pragma: no cover - 3.6 only
        from ._install import install, uninstall
        from ._interleavings import InterleavingFailure, checkpoint, interleavings
        from ._strict_mode import strict_mode
        from ._testcase import IsolatedAsyncioTestCase
        from ._threading import ThreadingMock
        from ._virtual_time import VirtualClock, virtual_time

del TYPE_CHECKING, List

__version__ = "1.0.0.dev0"

__all__ = [
    "ANY",
    "AsyncMagicMock",
    "AsyncMock",
    "DEFAULT",
    "FILTER_DIR",
    "InterleavingFailure",
    "InvalidSpecError",
    "IsolatedAsyncioTestCase",
    "MagicMock",
    "Mock",
    "NonCallableMagicMock",
    "NonCallableMock",
    "PropertyMock",
    "ThreadingMock",
    "VirtualClock",
    "call",
    "checkpoint",
    "create_autospec",
    "install",
    "interleavings",
    "mock_open",
    "patch",
    "seal",
    "sentinel",
    "strict_mode",
    "uninstall",
    "virtual_time",
]
