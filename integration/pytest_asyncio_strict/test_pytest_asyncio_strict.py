"""asyncmock under pytest-asyncio's strict mode.

Strict mode runs only tests marked ``@pytest.mark.asyncio`` and treats only
``@pytest_asyncio.fixture`` fixtures as async: the tests below use both, on
pytest-asyncio's own event loop.
"""
import asyncio

import pytest
import pytest_asyncio

import stock
from asyncmock import AsyncMagicMock, AsyncMock, call, create_autospec, patch


@pytest_asyncio.fixture
async def client():
    """An AsyncMagicMock client the code under test opens with ``async with``."""
    client = AsyncMagicMock(spec=stock.StockClient)
    client.__aenter__.return_value = client
    client.get.return_value = {"count": 3}
    yield client
    # Teardown, after the test: every ``async with`` was left again.
    assert client.__aexit__.await_count == client.__aenter__.await_count


def test_the_run_is_in_strict_mode(pytestconfig):
    assert pytestconfig.getini("asyncio_mode") == "strict"


@pytest.mark.asyncio
async def test_async_fixture_yields_a_client_for_async_with(client):
    assert await stock.count(client, "apple") == 3
    client.get.assert_awaited_once_with("/stock/apple")
    client.__aexit__.assert_awaited_once_with(None, None, None)


@pytest.mark.asyncio
async def test_mock_runs_on_the_loop_of_the_test():
    test_loop = asyncio.get_running_loop()
    loops = []

    async def record_loop():
        loops.append(asyncio.get_running_loop())

    await AsyncMock(side_effect=record_loop)()
    assert loops == [test_loop]


@pytest.mark.asyncio
@patch("stock.open_client")
async def test_patch_decorator_on_a_marked_test(open_client):
    session = open_client.return_value.__aenter__.return_value
    session.get.return_value = {"count": 5}
    session.post.return_value = "reservation-1"

    assert await stock.reserve("pear", 2) == "reservation-1"
    session.post.assert_awaited_once_with("/reservations", {"sku": "pear", "quantity": 2})


@pytest.mark.asyncio
@patch("stock.open_client")
async def test_patch_decorator_passes_its_mock_before_the_fixtures(open_client, client):
    open_client.return_value = client
    await stock.reserve("plum", 3)
    client.post.assert_awaited_once_with("/reservations", {"sku": "plum", "quantity": 3})


@pytest.mark.asyncio
async def test_patch_as_a_context_manager_inside_a_marked_test():
    client = create_autospec(stock.StockClient, instance=True)
    client.__aenter__.return_value = client
    client.get.return_value = {"count": 0}
    with patch("stock.open_client", return_value=client):
        with pytest.raises(stock.OutOfStock):
            await stock.reserve("fig", 1)
    assert client.mock_calls == [call.__aenter__(), call.get("/stock/fig"), call.__aexit__(None, None, None)]
    assert stock.open_client().__class__ is stock.StockClient


@pytest.mark.asyncio
async def test_side_effect_exception_is_raised_at_the_await(client):
    client.get.side_effect = ConnectionError("refused")
    with pytest.raises(ConnectionError, match="refused"):
        await stock.count(client, "kiwi")
    client.get.assert_awaited_once_with("/stock/kiwi")


@pytest.mark.asyncio
async def test_timed_out_await_is_still_recorded(client):
    async def hang(path):
        await asyncio.sleep(3600)

    client.get.side_effect = hang
    with pytest.raises(asyncio.TimeoutError):
        await stock.count_within(client, "lime", timeout=0.01)
    client.get.assert_awaited_once_with("/stock/lime")


@pytest.mark.asyncio
async def test_awaits_from_concurrent_tasks_are_all_recorded(client):
    counts = await asyncio.gather(*(stock.count(client, sku) for sku in ("a", "b", "c")))
    assert counts == [3, 3, 3]
    client.get.assert_has_awaits([call("/stock/a"), call("/stock/b"), call("/stock/c")], any_order=True)
