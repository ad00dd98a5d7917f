"""Adopting asyncmock in a suite that imports ``unittest.mock``: the switch (docs/adopting.md)."""
import sys

import pytest

import asyncmock


async def charge(card, amount):
    """A payment call the code under test makes."""


@pytest.fixture
def switched():
    # [start install]
    asyncmock.install()  # unittest.mock is asyncmock's from here on
    yield
    asyncmock.uninstall()  # and the standard library's again
    # [end install]


# [start legacy-test]
def test_a_legacy_test_gets_asyncmocks_without_changing_its_imports(switched):
    from unittest.mock import AsyncMock, create_autospec

    assert AsyncMock is asyncmock.AsyncMock
    fake_charge = create_autospec(charge)
    pending = fake_charge("4242", 10)
    fake_charge.assert_called_once_with("4242", 10)  # before any await (gh-137594)
    pending.close()
# [end legacy-test]


def test_uninstall_gives_back_the_standard_library():
    asyncmock.install()
    asyncmock.uninstall()

    import unittest.mock

    assert sys.modules["unittest.mock"] is unittest.mock
    assert unittest.mock.MagicMock is not asyncmock.MagicMock
