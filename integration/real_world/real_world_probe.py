"""A pytest plugin scripts/real_world.py loads (``-p real_world_probe``) into every suite it runs.

Once the suite's test modules are imported, it writes down whose objects
``unittest.mock`` hands out, to the JSON file named by
$ASYNCMOCK_REAL_WORLD_PROBE: the runner checks that a run with the switch
really got asyncmock's mocks, and a run without it the standard library's.
It changes nothing in the run.
"""
import json
import os
import unittest.mock
from typing import Any, Dict

#: The public names whose owner the probe records.
NAMES = ("Mock", "MagicMock", "AsyncMock", "NonCallableMock", "NonCallableMagicMock", "PropertyMock",
         "patch", "create_autospec", "mock_open", "seal")


def owners() -> Dict[str, str]:
    """name -> the module that defines what ``unittest.mock.<name>`` is now."""
    found = {}
    for name in NAMES:
        value = getattr(unittest.mock, name, None)
        if value is not None:
            found[name] = str(getattr(value, "__module__", None) or type(value).__module__)
    return found


def pytest_collection_finish(session: Any) -> None:
    path = os.environ.get("ASYNCMOCK_REAL_WORLD_PROBE")
    if path:
        with open(path, "w") as handle:
            json.dump(owners(), handle)
