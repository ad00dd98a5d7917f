"""The adoption switch: ``install()`` makes ``unittest.mock`` be asyncmock, ``uninstall()`` undoes it."""
import subprocess
import sys
import textwrap
import unittest
import unittest.mock as real_module

import pytest

import asyncmock
from asyncmock import install, uninstall
from asyncmock._install import REPLACED, installed


@pytest.fixture
def switched():
    install()
    try:
        yield sys.modules["unittest.mock"]
    finally:
        uninstall()


def test_importing_asyncmock_changes_nothing():
    code = "import unittest.mock as m, asyncmock; import unittest.mock as n; print(m is n, n.MagicMock.__module__)"
    out = subprocess.run(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, universal_newlines=True, check=True,
        env={"PYTHONPATH": _home()},
    ).stdout.split()
    assert out == ["True", "unittest.mock"]


def test_after_install_the_mock_names_of_unittest_mock_are_asyncmocks(switched):
    from unittest.mock import AsyncMock, MagicMock, create_autospec, patch

    assert (AsyncMock, MagicMock, create_autospec, patch) == (
        asyncmock.AsyncMock, asyncmock.MagicMock, asyncmock.create_autospec, asyncmock.patch
    )
    assert unittest.mock is switched
    for name in REPLACED:
        if hasattr(asyncmock, name):
            assert getattr(switched, name) is getattr(asyncmock, name)


def test_other_names_stay_the_stdlibs_own(switched):
    assert switched.ANY is real_module.ANY and switched.DEFAULT is real_module.DEFAULT
    assert switched._patch is real_module._patch and switched.call is asyncmock.call
    assert set(dir(real_module)) <= set(dir(switched))


def test_setting_a_name_that_is_not_replaced_reaches_the_real_module(switched):
    with asyncmock.patch("unittest.mock.FILTER_DIR", False):
        assert real_module.FILTER_DIR is False
    assert real_module.FILTER_DIR is True


def test_installing_twice_is_a_no_op_and_one_uninstall_undoes_it():
    install()
    first = sys.modules["unittest.mock"]
    install()
    assert sys.modules["unittest.mock"] is first
    uninstall()
    assert sys.modules["unittest.mock"] is real_module and unittest.mock is real_module
    assert not installed()
    uninstall()  # nothing to undo
    assert sys.modules["unittest.mock"] is real_module


def test_mocks_made_before_the_switch_keep_working_with_those_made_after():
    before = real_module.MagicMock()
    install()
    try:
        from unittest.mock import MagicMock

        after = MagicMock()
        after.attach_mock(before, "child")
        after.child(1)
    finally:
        uninstall()
    assert after.mock_calls == [real_module.call.child(1)]
    assert isinstance(after, real_module.MagicMock)


def test_the_mock_backport_is_switched_too_when_it_is_importable(tmp_path, monkeypatch):
    package = tmp_path / "mock"
    package.mkdir()
    (package / "__init__.py").write_text("from .mock import *\nfrom .mock import MagicMock, patch\n")
    (package / "mock.py").write_text("from unittest.mock import *\nfrom unittest.mock import MagicMock, patch\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("mock", "mock.mock"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    install()
    try:
        import mock
        import mock.mock

        assert mock.MagicMock is asyncmock.MagicMock and mock.mock.patch is asyncmock.patch
    finally:
        uninstall()
    import mock as restored

    assert restored.MagicMock is real_module.MagicMock
    assert sys.modules["mock.mock"].patch is real_module.patch


def _home():
    import os

    return os.path.dirname(os.path.dirname(os.path.abspath(asyncmock.__file__)))


pytest_plugins = ["pytester"]

SWITCHED_TESTS = """
import unittest.mock
import asyncmock

AsyncMock = getattr(unittest.mock, "AsyncMock", None)  # 3.8+ without the switch
patch = unittest.mock.patch

def test_names_are_asyncmocks():
    assert AsyncMock is asyncmock.AsyncMock and patch is asyncmock.patch

def test_forgets_an_await():
    (AsyncMock or asyncmock.AsyncMock)(name="fetch")("x")
"""


def _run(pytester, *args):
    pytester._monkeypatch.setenv("PYTHONPATH", _home())
    pytester.makepyfile(test_switched=SWITCHED_TESTS)
    plugin = []
    if "-p" not in args and not pytester.parseconfig().pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # running from a checkout
    return pytester.runpytest_subprocess("-W", "ignore::RuntimeWarning", *plugin, *args)


def test_the_replace_option_switches_unittest_mock_for_the_session(pytester):
    result = _run(pytester, "--asyncmock-replace")
    result.assert_outcomes(passed=2)


def test_the_ini_option_switches_too_and_strict_mode_sees_stdlib_named_mocks(pytester):
    pytester.makeini("[pytest]\nasyncmock_replace = true\nasyncmock_strict = true\n")
    result = _run(pytester)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*never awaited*", "*fetch('x') at test_switched.py:*"])


def test_without_the_option_nothing_is_switched(pytester):
    result = _run(pytester)
    result.assert_outcomes(passed=1, failed=1)


def test_a_replaced_name_set_on_the_switched_module_stays_there(switched):
    replacement = object()
    switched.patch = replacement
    assert switched.patch is replacement and real_module.patch is not replacement
    del switched.patch
    assert "patch" not in switched.__dict__


def test_deleting_a_name_that_is_not_replaced_reaches_the_real_module(switched):
    real_module._asyncmock_probe = 1
    del switched._asyncmock_probe
    assert not hasattr(real_module, "_asyncmock_probe")


def test_the_switched_module_says_what_it_is(switched):
    assert repr(switched) == "<module 'unittest.mock' (asyncmock switched in)>"


def test_uninstall_leaves_a_package_attribute_someone_else_replaced():
    install()
    other = object()
    unittest.mock = other
    try:
        uninstall()
        assert unittest.mock is other and sys.modules["unittest.mock"] is real_module
    finally:
        unittest.mock = real_module


class _Config:
    """The part of pytest's config the plugin reads, for an in-process check."""

    def __init__(self, replace):
        self.replace = replace
        self.cleanups = []

    def getoption(self, name):
        return self.replace if name == "asyncmock_replace" else None  # the other options' defaults

    def getini(self, name):
        return False

    def addinivalue_line(self, name, line):
        pass

    def add_cleanup(self, cleanup):
        self.cleanups.append(cleanup)


def test_the_plugin_installs_at_configure_and_uninstalls_at_cleanup():
    from asyncmock import _pytest_plugin

    config = _Config(replace=True)
    _pytest_plugin.pytest_configure(config)
    try:
        assert sys.modules["unittest.mock"].MagicMock is asyncmock.MagicMock
    finally:
        for cleanup in config.cleanups:
            cleanup()
    assert sys.modules["unittest.mock"] is real_module


def test_the_plugin_changes_nothing_without_the_option():
    from asyncmock import _pytest_plugin

    config = _Config(replace=False)
    _pytest_plugin.pytest_configure(config)
    assert sys.modules["unittest.mock"] is real_module and config.cleanups == []


def test_uninstall_leaves_a_module_someone_else_put_in_place():
    install()
    other = type(sys)("unittest.mock")
    sys.modules["unittest.mock"] = other
    try:
        uninstall()
        assert sys.modules["unittest.mock"] is other
    finally:
        sys.modules["unittest.mock"] = real_module
        unittest.mock = real_module
