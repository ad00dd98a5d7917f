"""The adoption switch: make ``unittest.mock`` (and ``mock``) be asyncmock.

:func:`install` puts a namespace in ``sys.modules`` (and on the ``unittest``
package) in place of each module: asyncmock's mock classes and functions
first, every other name the real module's.  The real modules stay untouched,
so the stdlib's own code keeps its own names, mocks made before the switch
keep working (ours derive from the stdlib's), and :func:`uninstall` restores
exactly what was there.  Importing asyncmock changes nothing.
"""
import importlib.util
import sys
import threading
import types
from typing import Any, Dict, List, Tuple

from ._autospec import create_autospec
from ._compat import Call, call, sentinel
from ._mocks import (
    AsyncMock, MagicMock, Mock, NonCallableMagicMock, NonCallableMock, PropertyMock, mock_open, seal,
)
from ._patch import patch
from ._threading import ThreadingMock

__all__ = ["install", "installed", "uninstall"]

#: The names a switched module takes from asyncmock, and their values.
#: ``call``, ``sentinel`` and ``_Call`` are the stdlib's own objects where its
#: are current (3.9+).
OURS = {
    "AsyncMock": AsyncMock, "MagicMock": MagicMock, "Mock": Mock,
    "NonCallableMagicMock": NonCallableMagicMock, "NonCallableMock": NonCallableMock,
    "PropertyMock": PropertyMock, "ThreadingMock": ThreadingMock,
    "create_autospec": create_autospec, "mock_open": mock_open, "patch": patch, "seal": seal,
    "call": call, "sentinel": sentinel, "_Call": Call,
}  # type: Dict[str, Any]
REPLACED = tuple(OURS)
#: The modules the switch covers, with the package attribute naming each.
_MODULES = (("unittest.mock", "unittest", "mock"), ("mock", None, None), ("mock.mock", "mock", "mock"))
_LOCK = threading.Lock()
#: What install() replaced, for uninstall(): (module name, the real module,
#: the parent package or None, the attribute on it).
_SWITCHED = []  # type: List[Tuple[str, Any, Any, Any]]


class SwitchedModule(types.ModuleType):
    """A module whose mock names are asyncmock's and whose other names are *real*'s.

    Setting or deleting a name that is not asyncmock's goes to the real
    module, so ``patch("unittest.mock.FILTER_DIR", False)`` still works.
    """

    def __init__(self, real: Any, ours: "Dict[str, Any]") -> None:
        super().__init__(real.__name__, real.__doc__)
        state = self.__dict__
        state["_asyncmock_real"] = real
        state["_asyncmock_ours"] = frozenset(ours)
        for key in ("__file__", "__spec__", "__loader__", "__package__", "__path__"):
            if key in real.__dict__:
                state[key] = real.__dict__[key]
        state.update(ours)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["_asyncmock_real"], name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__["_asyncmock_ours"]:
            self.__dict__[name] = value
        else:
            setattr(self.__dict__["_asyncmock_real"], name, value)

    def __delattr__(self, name: str) -> None:
        if name in self.__dict__["_asyncmock_ours"]:
            del self.__dict__[name]
        else:
            delattr(self.__dict__["_asyncmock_real"], name)

    def __dir__(self) -> "List[str]":
        return sorted(set(dir(self.__dict__["_asyncmock_real"])) | set(self.__dict__["_asyncmock_ours"]))

    def __repr__(self) -> str:
        return "<module %r (asyncmock switched in)>" % (self.__name__,)


def _importable(name: str) -> bool:
    """Whether the ``mock`` backport is installed (without importing anything else)."""
    return name in sys.modules or importlib.util.find_spec(name) is not None


def installed() -> bool:
    """Whether :func:`install` is in effect."""
    return bool(_SWITCHED)


def install() -> None:
    """Make ``unittest.mock`` (and ``mock``, if installed) be asyncmock's, until :func:`uninstall`.

    Code that imports those modules afterwards, pytest-mock's ``mocker`` and
    libraries that build mocks for their users then get asyncmock's mocks.
    Installing twice does nothing.
    """
    with _LOCK:
        if _SWITCHED:
            return
        backport = _importable("mock")
        # Every real module first, so none of them is imported half switched.
        reals = [
            (importlib.import_module(name), name, parent_name, attribute)
            for name, parent_name, attribute in _MODULES
            if name == "unittest.mock" or backport
        ]
        for real, name, parent_name, attribute in reals:
            parent = sys.modules.get(parent_name) if parent_name else None
            if isinstance(parent, SwitchedModule):  # mock.mock under a switched mock
                parent = parent.__dict__["_asyncmock_real"]
            _SWITCHED.append((name, real, parent, attribute))
            switched = SwitchedModule(real, OURS)
            sys.modules[name] = switched
            if parent is not None and attribute is not None and getattr(parent, attribute, None) is real:
                setattr(parent, attribute, switched)


def uninstall() -> None:
    """Put back exactly the modules :func:`install` replaced; nothing if it was not in effect."""
    with _LOCK:
        while _SWITCHED:
            name, real, parent, attribute = _SWITCHED.pop()
            if isinstance(sys.modules.get(name), SwitchedModule):
                sys.modules[name] = real
            if parent is not None and attribute is not None and isinstance(
                getattr(parent, attribute, None), SwitchedModule
            ):
                setattr(parent, attribute, real)
