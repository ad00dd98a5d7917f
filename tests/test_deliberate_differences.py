"""Where asyncmock deliberately differs from CPython 3.13's unittest.mock.

Each test states the stdlib behaviour it improves on; the README lists them.
"""
import inspect
import types

import pytest

from asyncmock import (
    DEFAULT,
    AsyncMagicMock,
    AsyncMock,
    MagicMock,
    Mock,
    NonCallableMagicMock,
    call,
    create_autospec,
    patch,
)


async def fetch(url, *, timeout=10):
    """An async function to autospec."""


def parse(text):
    """A sync function to autospec."""


class Client:
    async def get(self, url):
        """Async method."""

    def close(self):
        """Sync method."""


# --- side_effect of no usable kind: accepted, refused clearly when awaited --


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


async def test_side_effect_default_means_no_side_effect():
    # stdlib: TypeError "'_SentinelObject' object is not an iterator" when awaited.
    mock = AsyncMock(return_value="value", side_effect=DEFAULT)
    assert await mock() == "value"


# --- assert_awaited_with reports the last await ------------------------------


async def test_assert_awaited_with_failure_shows_the_last_await_not_the_last_call():
    # stdlib 3.13: "Actual:" shows the last call, even one never awaited.
    mock = AsyncMock()
    await mock("awaited")
    never_awaited = mock("called only")
    never_awaited.close()
    with pytest.raises(AssertionError) as failure:
        mock.assert_awaited_with("expected")
    assert "Actual: mock('awaited')" in str(failure.value)
    assert "called only" not in str(failure.value)


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


# --- async magic methods on every magic mock ----------------------------------


async def test_non_callable_magic_mock_supports_async_with():
    # stdlib 3.13: its __aenter__ is a sync MagicMock, so ``async with`` fails.
    mock = NonCallableMagicMock()
    mock.__aenter__.return_value = "inside"
    async with mock as value:
        assert value == "inside"


def test_children_of_async_magic_mock_stay_magic_mocks():
    # stdlib has no AsyncMagicMock; its AsyncMock children are plain AsyncMocks.
    mock = AsyncMagicMock()
    assert isinstance(mock.child, AsyncMagicMock)
    assert isinstance(mock.return_value, AsyncMagicMock)


# --- one answer on every version ----------------------------------------------


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
