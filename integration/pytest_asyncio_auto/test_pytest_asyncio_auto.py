"""asyncmock under pytest-asyncio's auto mode.

Auto mode runs every ``async def`` test and every ``async def`` fixture on
pytest-asyncio's loop, with no marks: nothing below is marked.
"""
import asyncio

import pytest

import mailer
from asyncmock import AsyncMagicMock, AsyncMock, call, patch


@pytest.fixture
async def server():
    """An AsyncMagicMock connection, opened with ``async with`` as the app does."""
    server = AsyncMagicMock(spec=mailer.MailServer)
    async with server as entered:
        yield entered
    server.__aexit__.assert_awaited_once_with(None, None, None)


def test_the_run_is_in_auto_mode(pytestconfig):
    assert pytestconfig.getini("asyncio_mode") == "auto"


async def test_plain_async_fixture_yields_the_entered_connection(server):
    server.send.return_value = "queued"
    assert await mailer.send_with_retries(server, "ada@example.com", "hi") == "queued"
    server.send.assert_awaited_once_with("ada@example.com", "hi")


async def test_side_effect_list_drives_the_retries(server):
    server.send.side_effect = [ConnectionError(), ConnectionError(), "queued"]
    assert await mailer.send_with_retries(server, "ada@example.com", "hi") == "queued"
    assert server.send.await_count == 3


async def test_the_last_failed_retry_raises(server):
    server.send.side_effect = ConnectionError("down")
    with pytest.raises(ConnectionError, match="down"):
        await mailer.send_with_retries(server, "ada@example.com", "hi", attempts=2)
    server.send.assert_has_awaits([call("ada@example.com", "hi")] * 2)


async def test_background_worker_awaits_the_mock_for_each_item(server):
    queue = asyncio.Queue()
    worker = asyncio.ensure_future(mailer.drain(queue, server))
    for to in ("a@x.test", "b@x.test"):
        queue.put_nowait((to, "news"))
    await queue.join()
    worker.cancel()
    with pytest.raises(asyncio.CancelledError):
        await worker
    server.send.assert_has_awaits([call("a@x.test", "news"), call("b@x.test", "news")])


@patch("mailer.MailServer")
async def test_patch_decorator_on_an_unmarked_test(server_class):
    connection = server_class.return_value.__aenter__.return_value
    connection.send.return_value = "queued"
    assert await mailer.notify("ada@example.com", "hi") == "queued"
    server_class.assert_called_once_with("mail.test")
    connection.send.assert_awaited_once_with("ada@example.com", "hi")


@patch.object(mailer, "send_with_retries", new_callable=AsyncMock, return_value="stubbed")
class TestPatchAsAClassDecorator:
    async def test_applies_to_an_async_test_method(self, send):
        assert await mailer.notify("ada@example.com", "hi") == "stubbed"
        send.assert_awaited_once()

    async def test_gives_each_test_method_a_fresh_mock(self, send):
        send.assert_not_awaited()
        await mailer.notify("grace@example.com", "hi")
        args, kwargs = send.await_args
        assert args[1:] == ("grace@example.com", "hi")
