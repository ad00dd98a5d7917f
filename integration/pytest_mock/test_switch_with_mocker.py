"""With ``--asyncmock-replace``, pytest-mock's ``mocker`` makes asyncmock's mocks."""
import os

import asyncmock

pytest_plugins = ["pytester"]

TESTS = """
import asyncmock
import payments

def test_mocker_patch_gives_an_asyncmock(mocker):
    charge = mocker.patch("payments.charge")
    assert type(charge).__mro__[1] is asyncmock.AsyncMock
    assert isinstance(mocker.MagicMock(), asyncmock.MagicMock)

def test_mocker_spy_records_a_call_before_it_is_awaited(mocker):
    spy = mocker.spy(payments, "charge")
    payments.charge("4242", 10).close()
    assert spy.call_count == 1  # gh-137594: 0 with the stdlib on 3.13

def test_forgets_an_await(mocker):
    charge = mocker.patch("payments.charge")
    charge("4242", 10)
"""


def test_mocker_gets_asyncmocks_and_strict_mode_sees_them(pytester):
    here = os.path.dirname(os.path.abspath(__file__))
    home = os.path.dirname(os.path.dirname(os.path.abspath(asyncmock.__file__)))
    pytester._monkeypatch.setenv("PYTHONPATH", os.pathsep.join([here, home]))
    pytester.makepyfile(test_switched=TESTS)
    plugin = []
    if not pytester.parseconfig().pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # running from a checkout
    result = pytester.runpytest_subprocess(
        "-W", "ignore::RuntimeWarning", "-p", "pytest_mock", *plugin,
        "--asyncmock-replace", "--asyncmock-strict",
    )
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*never awaited*", "*charge('4242', 10) at test_switched.py:*"])
