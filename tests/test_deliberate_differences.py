"""Where asyncmock deliberately differs from the newest CPython's unittest.mock.

Only two kinds: fixes of upstream bugs (each with its CPython issue) and
additions (names the stdlib does not have); and, as the stdlib's failures,
a clearer error at the very point where the stdlib fails less clearly.  Each
test states the stdlib behaviour it differs from; the README lists them.
"""
import inspect
import types

import pytest

from asyncmock import AsyncMagicMock, AsyncMock, Mock, call, create_autospec, patch


async def fetch(url, *, timeout=10):
    """An async function to autospec."""


def parse(text):
    """A sync function to autospec."""


class Client:
    async def get(self, url):
        """Async method."""

    def close(self):
        """Sync method."""


# --- clearer error where the stdlib fails: a side_effect of no usable kind --


@pytest.mark.parametrize("bad", [42, 3.5, object(), True])
async def test_side_effect_of_no_usable_kind_is_accepted_and_refused_clearly_when_awaited(bad):
    # As the stdlib, setting it is fine (a placeholder may be replaced later);
    # the stdlib then fails with "TypeError: 'int' object is not an iterator".
    mock = AsyncMock(side_effect=bad)
    mock.side_effect = bad
    assert mock.side_effect is bad
    with pytest.raises(TypeError, match=r"side_effect must be .*\(%s\)" % type(bad).__name__):
        await mock()


def test_sync_side_effect_of_no_usable_kind_fails_when_called_as_in_the_stdlib():
    mock = Mock(side_effect=42)
    with pytest.raises(TypeError):
        mock()


# --- autospec of an async function records calls at call time (gh-137594) ---


def test_autospecced_async_function_records_the_call_before_any_await():
    # stdlib: call_count stays 0 until the coroutine is awaited.
    mocked = create_autospec(fetch)
    coroutine = mocked("https://example.org")
    assert mocked.call_count == 1
    assert mocked.call_args == call("https://example.org")
    assert mocked.await_count == 0
    coroutine.close()


async def test_autospecced_async_function_records_the_await_when_awaited():
    mocked = create_autospec(fetch, return_value="page")
    assert await mocked("https://example.org", timeout=1) == "page"
    mocked.assert_awaited_once_with("https://example.org", timeout=1)


def test_autospecced_async_function_checks_the_signature_at_call_time():
    mocked = create_autospec(fetch)
    with pytest.raises(TypeError):
        mocked("https://example.org", 5)  # timeout is keyword-only
    assert mocked.call_count == 0


def test_autospecced_async_function_is_a_coroutine_function_on_every_version():
    mocked = create_autospec(fetch)
    assert inspect.isfunction(mocked)
    assert inspect.iscoroutinefunction(mocked)
    assert str(inspect.signature(mocked)) == "(url, *, timeout=10)"


def test_autospecced_sync_function_is_not_a_coroutine_function():
    mocked = create_autospec(parse)
    assert inspect.isfunction(mocked)
    assert not inspect.iscoroutinefunction(mocked)


async def test_autospecced_async_function_patched_on_a_class_binds_self():
    with patch.object(Client, "get", autospec=True) as get:
        get.return_value = "body"
        client = Client()
        assert await client.get("/path") == "body"
    get.assert_awaited_once_with(client, "/path")
    assert isinstance(Client.__dict__["get"], types.FunctionType)


# --- additions: AsyncMagicMock, a class of asyncmock's own --------------------


def test_children_of_async_magic_mock_stay_magic_mocks():
    # stdlib has no AsyncMagicMock; its AsyncMock children are plain AsyncMocks.
    mock = AsyncMagicMock()
    assert isinstance(mock.child, AsyncMagicMock)
    assert isinstance(mock.return_value, AsyncMagicMock)
