"""ThreadingMock (CPython 3.13) on every version: waiting for calls made by other threads."""
import threading
import unittest.mock

import pytest

from asyncmock import MagicMock, ThreadingMock


def _later(action, delay=0.02):
    timer = threading.Timer(delay, action)
    timer.start()
    return timer


def test_it_is_a_magic_mock_and_the_stdlibs_threading_mock_where_there_is_one():
    mock = ThreadingMock()

    assert isinstance(mock, MagicMock)
    assert isinstance(mock, getattr(unittest.mock, "ThreadingMock", MagicMock))
    assert len(mock) == 0  # a MagicMock's magic methods


def test_wait_until_called_returns_once_another_thread_calls():
    mock = ThreadingMock(timeout=5)
    _later(lambda: mock.send("x")).join()

    mock.send.wait_until_called()
    mock.send.assert_called_once_with("x")


def test_wait_until_called_fails_after_the_timeout_naming_the_mock():
    mock = ThreadingMock(name="worker")

    with pytest.raises(AssertionError, match=r"worker was not called before timeout\(0.01\)\."):
        mock.wait_until_called(timeout=0.01)


def test_wait_until_any_call_with_waits_for_those_arguments():
    mock = ThreadingMock(timeout=5)
    _later(lambda: (mock.fetch(1), mock.fetch(2))).join()

    mock.fetch.wait_until_any_call_with(2)
    assert mock.fetch.call_count == 2


def test_wait_until_any_call_with_fails_naming_the_call():
    mock = ThreadingMock(timeout=0.01)
    mock(1)

    with pytest.raises(AssertionError, match=r"mock\(2\) call not found"):
        mock.wait_until_any_call_with(2)


def test_children_inherit_the_timeout_and_class_default_applies_without_one():
    class Slow(ThreadingMock):
        DEFAULT_TIMEOUT = 0.01

    parent = ThreadingMock(timeout=0.02)
    assert isinstance(parent.child, ThreadingMock)
    with pytest.raises(AssertionError, match=r"timeout\(0.02\)"):
        parent.child.wait_until_called()
    with pytest.raises(AssertionError, match=r"timeout\(0.01\)"):
        Slow().wait_until_called()


def test_reset_mock_forgets_the_calls_waited_for():
    mock = ThreadingMock(timeout=0.01)
    mock(1)
    mock.wait_until_any_call_with(1)

    mock.reset_mock()

    with pytest.raises(AssertionError):
        mock.wait_until_called()
    with pytest.raises(AssertionError):
        mock.wait_until_any_call_with(1)


def test_calls_from_many_threads_are_all_counted():
    mock = ThreadingMock(timeout=5)
    threads = [threading.Thread(target=lambda: [mock(i) for i in range(200)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert mock.call_count == 800 == len(mock.call_args_list)


def test_self_may_be_a_keyword_of_the_call():
    mock = ThreadingMock(timeout=1)
    mock(self=3)

    mock.assert_called_once_with(self=3)
