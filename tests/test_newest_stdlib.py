"""What CPython 3.14 and 3.15 changed in unittest.mock, on every version.

asyncmock's reference is the newest stdlib: each test is one of those
changes, which older interpreters' own ``unittest.mock`` lacks.
"""
import types

import pytest

from _support import run
from asyncmock import AsyncMock, MagicMock, Mock, create_autospec, patch

try:
    import dataclasses
except ImportError:  # pragma: no cover - 3.6 has no dataclasses, hence none to spec
    dataclasses = None  # type: ignore[assignment]


def test_a_call_makes_call_count_the_length_of_call_args_list():
    mock = Mock()
    mock.call_count = 5

    mock()

    assert mock.call_count == 1 == len(mock.call_args_list)


def test_an_await_makes_call_count_the_length_of_call_args_list():
    mock = AsyncMock()
    mock.call_count = 5

    run(mock())

    assert mock.call_count == 1


def test_starting_a_started_patch_raises_runtime_error():
    patcher = patch("os.getcwd")
    patcher.start()
    try:
        with pytest.raises(RuntimeError, match="Patch is already started"):
            patcher.start()
    finally:
        patcher.stop()


def test_stopping_a_patch_that_is_not_started_does_nothing():
    patcher = patch("os.getcwd")
    assert patcher.stop() is None
    patcher.start()
    patcher.stop()
    assert patcher.stop() is None


def test_patch_stopall_of_either_library_stops_both_newest_first():
    import unittest.mock

    stdlib_patcher = unittest.mock.patch("os.getcwd", "stdlib")
    ours = patch("os.getpid", "ours")
    stdlib_patcher.start()
    ours.start()
    import os

    unittest.mock.patch.stopall()

    assert os.getcwd != "stdlib" and os.getpid != "ours"


def test_create_autospec_of_a_dataclass_instance_knows_its_fields():
    if dataclasses is None:  # pragma: no cover - 3.6
        return

    @dataclasses.dataclass
    class Point:
        x: int
        y: "Missing"  # noqa: F821 - a forward reference, never resolved

    point = create_autospec(Point, instance=True)

    assert "x" in dir(point) and "y" in dir(point)
    point.x = 3
    assert point.x == 3
    with pytest.raises(AttributeError):
        point.z


@pytest.mark.skipif(not hasattr(types, "LazyImportType"), reason="PEP 810 lazy imports are 3.15+")
def test_patch_with_autospec_resolves_a_lazy_import_first():  # pragma: no cover - 3.15+
    namespace = {}
    exec("lazy import json\nholder = type('H', (), {'json': globals()['json']})", namespace)
    holder = namespace["holder"]
    with patch.object(holder, "json", autospec=True) as mocked:
        assert hasattr(mocked, "dumps")

def test_a_mock_is_refused_as_a_spec_on_every_version():
    # The stdlib raises only from 3.11 on.
    with pytest.raises(Exception, match="Cannot spec a Mock object"):
        Mock(spec=AsyncMock())


def test_reset_mock_return_value_reaches_children_on_every_version():
    # The stdlib passes return_value=True on to children only from 3.9.
    mock = MagicMock()
    mock.child.return_value = "configured"
    mock.reset_mock(return_value=True)
    assert mock.child.return_value != "configured"
