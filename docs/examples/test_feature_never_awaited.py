"""Feature: catch a forgotten ``await``.

deactivate_user below has the bug: cache.delete is async and its call is not
awaited, so the entry is never deleted. The call is still recorded, so a test
that checks "called" passes; asyncmock lets the test see the difference.
"""
import gc

import pytest
from asyncmock import AsyncMock, call


async def deactivate_user(client, cache, user_id):
    """Deactivate a user and drop it from the cache."""
    await client.post(f"/users/{user_id}/deactivate", json={})
    cache.delete(f"user:{user_id}")  # BUG: missing await


async def deactivate_user_fixed(client, cache, user_id):
    """The same, with the await."""
    await client.post(f"/users/{user_id}/deactivate", json={})
    await cache.delete(f"user:{user_id}")


@pytest.fixture
def cache():
    return AsyncMock(name="cache")


async def run_forgetful_code(cache):
    # The coroutine deactivate_user drops warns "never awaited" when it is
    # garbage-collected: here, not in some later test.
    with pytest.warns(RuntimeWarning, match="never awaited"):
        await deactivate_user(AsyncMock(), cache, 7)
        gc.collect()


async def test_a_forgotten_await_is_still_recorded_as_a_call(cache):
    await run_forgetful_code(cache)

    cache.delete.assert_called_once_with("user:7")  # passes: the call was made
    cache.delete.assert_not_awaited()


async def test_unawaited_calls_lists_the_calls_never_awaited(cache):
    await run_forgetful_code(cache)

    assert cache.delete.unawaited_calls == [call("user:7")]


async def test_assert_awaited_once_with_fails_where_assert_called_passes(cache):
    await run_forgetful_code(cache)

    with pytest.raises(AssertionError) as failure:
        cache.delete.assert_awaited_once_with("user:7")

    assert str(failure.value) == "Expected delete to have been awaited once. Awaited 0 times."


async def test_assert_all_awaited_fails_listing_the_forgotten_calls(cache):
    await run_forgetful_code(cache)

    with pytest.raises(AssertionError) as failure:
        cache.delete.assert_all_awaited()

    assert str(failure.value) == (
        "Expected every call of cache.delete to have been awaited. "
        "Never awaited: [call('user:7')]. Did you forget `await`?"
    )


async def test_assert_all_awaited_passes_once_the_bug_is_fixed(cache):
    await deactivate_user_fixed(AsyncMock(), cache, 7)

    cache.delete.assert_all_awaited()
    cache.delete.assert_awaited_once_with("user:7")


async def test_the_runtime_warning_is_the_stdlibs_so_warning_filters_still_match():
    cache = AsyncMock(name="cache")

    with pytest.warns(RuntimeWarning) as warned:
        await deactivate_user(AsyncMock(), cache, 7)
        gc.collect()

    # The stdlib's wording, which suites' filterwarnings entries name;
    # unawaited_calls and strict mode say which call it was.
    assert "AsyncMockMixin._execute_mock_call" in str(warned[0].message)
