"""Calls whose coroutine was never awaited: unawaited_calls lists them, assert_all_awaited fails on them.

A parent lists its children's never-awaited calls too, named as in mock_calls.
"""
import pytest

from _support import run
from asyncmock import AsyncMock, call, create_autospec


# --- unawaited_calls and assert_all_awaited --------------------------------------------


def test_unawaited_calls_lists_calls_whose_coroutine_never_ran():
    mock = AsyncMock()
    first, second = mock(1), mock(2)
    assert mock.unawaited_calls == [call(1), call(2)]
    run(second)
    assert mock.unawaited_calls == [call(1)]
    first.close()


def test_assert_all_awaited_lists_the_forgotten_calls():
    mock = AsyncMock(name="save")
    forgotten = mock("draft")
    with pytest.raises(AssertionError, match=r"Never awaited: \[call\('draft'\)\]. Did you forget `await`\?"):
        mock.assert_all_awaited()
    forgotten.close()


def test_assert_all_awaited_passes_when_every_call_was_awaited():
    mock = AsyncMock()
    run(mock())
    mock.assert_all_awaited()


def test_assert_any_await_hint_names_only_matching_calls():
    mock = AsyncMock(name="save")
    forgotten = mock("other")
    with pytest.raises(AssertionError) as failure:
        mock.assert_any_await("draft")
    assert "never awaited" not in str(failure.value)
    forgotten.close()


def test_reset_mock_forgets_unawaited_calls():
    mock = AsyncMock()
    forgotten = mock()
    mock.reset_mock()
    assert mock.unawaited_calls == []
    forgotten.close()


def test_autospecced_async_functions_track_unawaited_calls_too():
    async def fetch(url):
        """An async function."""

    mocked = create_autospec(fetch)
    forgotten = mocked("/x")
    assert mocked.unawaited_calls == [call("/x")]
    forgotten.close()


# --- children's calls, listed on their parent ------------------------------------------


def test_unawaited_calls_of_a_parent_include_its_childrens_named_as_in_mock_calls():
    cache = AsyncMock(name="cache")
    forgotten = cache.delete("user:7")
    assert cache.unawaited_calls == [call.delete("user:7")]
    with pytest.raises(AssertionError, match=r"cache.*call\.delete\('user:7'\)"):
        cache.assert_all_awaited()
    forgotten.close()


def test_unawaited_calls_list_a_child_attached_under_two_names_once():
    parent, child = AsyncMock(), AsyncMock()
    parent.attach_mock(child, "first")
    parent.attach_mock(child, "second")
    coroutine = child(1)
    try:
        assert len(parent.unawaited_calls) == 1
    finally:
        coroutine.close()


def test_unawaited_calls_of_a_child_moved_to_another_parent_show_only_there():
    old_parent, new_parent, child = AsyncMock(), AsyncMock(), AsyncMock()
    old_parent.attach_mock(child, "before")
    new_parent.attach_mock(child, "after")
    coroutine = child(1)
    try:
        assert old_parent.unawaited_calls == []
        assert new_parent.unawaited_calls == [call.after(1)]
    finally:
        coroutine.close()
