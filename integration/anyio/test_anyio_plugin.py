"""asyncmock under anyio's pytest plugin, on both of its backends.

Every test here runs twice, once per ``anyio_backend`` (see conftest.py);
under trio there is no asyncio event loop at all.
"""
import anyio
import pytest
import sniffio

import feeds
from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, call, patch

pytestmark = [
    pytest.mark.anyio,
    # trio 0.21, the newest that anyio 3.7 (Python 3.7) runs, warns on import
    # that the exceptiongroup backport pytest loads has taken sys.excepthook.
    pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook:RuntimeWarning"),
]


@pytest.fixture
async def client(anyio_backend):
    """An AsyncMagicMock client, opened with ``async with`` on the test's backend."""
    client = AsyncMagicMock(spec=feeds.FeedClient)
    client.__aenter__.return_value = client
    async with client as session:
        yield session
    client.__aexit__.assert_awaited_once_with(None, None, None)


async def test_side_effect_runs_on_the_backend_of_the_test(anyio_backend):
    mock = AsyncMock(side_effect=sniffio.current_async_library)
    assert await mock() == anyio_backend


async def test_async_fixture_yields_the_client_entered_with_async_with(client):
    client.fetch.return_value = ["item"]
    assert await client.fetch("news") == ["item"]
    client.fetch.assert_awaited_once_with("news")


async def test_awaits_from_a_task_group_are_all_recorded():
    session = AsyncMagicMock()
    session.__aenter__.return_value = session
    session.fetch.side_effect = lambda name: name.upper()
    with patch("feeds.connect", return_value=session):
        assert await feeds.fetch_all(["a", "b"]) == {"a": "A", "b": "B"}
    session.fetch.assert_has_awaits([call("a"), call("b")], any_order=True)


@patch("feeds.connect")
async def test_patch_decorator_on_an_anyio_test(connect, anyio_backend):
    session = connect.return_value.__aenter__.return_value
    session.fetch.return_value = anyio_backend
    assert await feeds.fetch_all(["x"]) == {"x": anyio_backend}
    connect.return_value.__aexit__.assert_awaited_once_with(None, None, None)


async def test_cancelled_await_is_still_recorded(client):
    async def hang(name):
        await anyio.sleep_forever()

    client.fetch.side_effect = hang
    assert await feeds.fetch_or_none(client, "slow", timeout=0.01) is None
    client.fetch.assert_awaited_once_with("slow")


async def test_side_effect_exception_is_raised_at_the_await(client):
    client.fetch.side_effect = ConnectionError("refused")
    with pytest.raises(ConnectionError, match="refused"):
        await client.fetch("news")
    client.fetch.assert_awaited_once_with("news")


async def test_async_for_over_a_magicmock_stream():
    client = MagicMock(spec=feeds.FeedClient)
    client.stream.return_value.__aiter__.return_value = ["one", "two", "three"]
    assert await feeds.headlines(client, "news", limit=2) == ["one", "two"]
    client.stream.assert_called_once_with("news")
