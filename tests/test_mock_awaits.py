"""mock_awaits: the awaits of a mock and its whole tree, in order, named as in mock_calls."""
import threading

from _support import run
from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, call


class Session:
    async def get(self, url):
        """An async method."""


class Client:
    async def connect(self):
        """An async method."""

    def session(self) -> Session:
        """A sync method returning an object with async methods."""

    async def close(self):
        """An async method."""


def _client():
    client = MagicMock(spec=Client)
    client.session.return_value = AsyncMock(spec=Session)
    return client


def test_awaits_through_children_and_return_values_are_named_as_in_mock_calls():
    client = _client()

    async def use():
        await client.connect()
        await client.session().get("/a")
        await client.close()

    run(use())

    assert client.mock_awaits == [call.connect(), call.session().get("/a"), call.close()]


def test_the_mock_itself_is_named_call():
    mock = AsyncMock()
    run(mock("x"))

    assert mock.mock_awaits == [call("x")]


def test_a_call_never_awaited_is_left_out_while_mock_calls_has_it():
    client = _client()
    client.close().close()  # made, never awaited
    run(client.connect())

    assert client.mock_awaits == [call.connect()]
    assert call.close() in client.mock_calls


def test_entries_are_in_the_order_the_awaits_started():
    mock = AsyncMagicMock()

    async def use():
        second = mock.second()  # called first, awaited second
        await mock.first()
        await second

    run(use())

    assert mock.mock_awaits == [call.first(), call.second()]


def test_async_with_records_aenter_and_aexit():
    resource = MagicMock()

    async def use():
        async with resource:
            pass

    run(use())

    assert resource.mock_awaits == [call.__aenter__(), call.__aexit__(None, None, None)]


def test_reset_mock_clears_the_awaits_of_the_whole_tree():
    client = _client()
    run(client.connect())

    client.reset_mock()

    assert client.mock_awaits == []


def test_awaits_from_many_threads_are_all_kept():
    mock = AsyncMock()

    def await_many():
        for index in range(300):
            run(mock.fetch(index))

    threads = [threading.Thread(target=await_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(mock.mock_awaits) == 1200 == mock.fetch.await_count
