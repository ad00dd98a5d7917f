"""The sync names of the namespace: the stdlib's behaviour, our classes underneath."""
import unittest.mock

import asyncmock
from asyncmock import MagicMock, Mock, NonCallableMock, PropertyMock, mock_open, patch


def test_mock_open_reads_the_given_data():
    opener = mock_open(read_data="line 1\nline 2\n")
    with patch("builtins.open", opener):
        with open("any.txt") as handle:
            assert handle.readlines() == ["line 1\n", "line 2\n"]
    opener.assert_called_once_with("any.txt")


def test_mock_open_builds_on_our_magic_mock():
    assert isinstance(mock_open(), asyncmock.MagicMock)


def test_property_mock_returns_its_value_and_records_the_get():
    class Config:
        pass

    prop = PropertyMock(return_value="value")
    Config.setting = prop
    try:
        assert Config().setting == "value"
    finally:
        del Config.setting
    prop.assert_called_once_with()


def test_property_mock_children_are_our_magic_mocks():
    assert isinstance(PropertyMock().child, asyncmock.MagicMock)


def test_filter_dir_is_the_stdlib_setting():
    assert asyncmock.FILTER_DIR is unittest.mock.FILTER_DIR


def test_children_keep_the_class_of_their_parent():
    assert type(Mock().child).__mro__[1] is Mock
    assert type(MagicMock().child).__mro__[1] is MagicMock


def test_a_child_of_a_non_callable_mock_is_a_callable_mock():
    parent = NonCallableMock()

    child = parent.child

    assert isinstance(child, Mock)
    assert not isinstance(child, MagicMock)
    child(1)
    child.assert_called_once_with(1)


def test_user_subclass_children_are_of_the_subclass():
    class Recorder(MagicMock):
        pass

    assert isinstance(Recorder().child, Recorder)
