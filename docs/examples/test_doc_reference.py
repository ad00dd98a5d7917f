"""The examples of the API reference (docs/reference.md), one or two per name.

Each test is shown there, whole, under the name it is about.
"""
import asyncio
import threading
import unittest
import unittest.mock

import pytest

import asyncmock
from asyncmock import (
    ANY,
    DEFAULT,
    AsyncMagicMock,
    AsyncMock,
    InvalidSpecError,
    InterleavingFailure,
    IsolatedAsyncioTestCase,
    MagicMock,
    Mock,
    NonCallableMagicMock,
    NonCallableMock,
    PropertyMock,
    ThreadingMock,
    VirtualClock,
    call,
    checkpoint,
    create_autospec,
    interleavings,
    mock_open,
    patch,
    seal,
    sentinel,
    virtual_time,
)


class Client:
    """What the examples mock: an async client with a sync helper."""

    base_url = "https://api.example.com"

    async def get(self, path):
        raise NotImplementedError("the examples never reach the network")

    def url(self, path):
        return self.base_url + path


async def load_user(user_id):
    raise NotImplementedError("replaced by patch in the examples")


CONFIG = {"retries": 3}


async def test_asyncmock_awaits_give_the_return_value():
    fetch = AsyncMock(return_value={"id": 7})

    assert await fetch(7) == {"id": 7}
    fetch.assert_awaited_once_with(7)


async def test_asyncmock_await_delay_suspends_each_await():
    slow = AsyncMock(await_delay=10)

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(slow(), timeout=0.01)
    assert slow.await_count == 1  # it was awaited, and suspended past the timeout


async def test_asyncmagicmock_has_the_magic_methods_and_awaits():
    mock = AsyncMagicMock(return_value="done")

    assert await mock() == "done"
    assert len(mock) == 0  # a MagicMock's __len__


async def test_magicmock_supports_async_with_and_async_for():
    response = MagicMock()
    response.aenter_return_value.status = 200
    response.aiter_return_value = ["line 1", "line 2"]

    async with response as entered:
        assert entered.status == 200
    assert [line async for line in response] == ["line 1", "line 2"]


async def test_mock_with_an_async_spec_is_awaitable():
    get = Mock(spec=Client.get)

    await get(None, "/users")
    get.assert_awaited_once_with(None, "/users")


async def test_noncallable_mock_attributes_follow_the_spec():
    client = NonCallableMock(spec=Client)

    await client.get("/users")
    client.get.assert_awaited_once_with("/users")
    with pytest.raises(TypeError):
        client()


def test_noncallable_magicmock_has_magic_methods_but_no_call():
    settings = NonCallableMagicMock()
    settings.__getitem__.return_value = "3"

    assert settings["retries"] == "3"
    with pytest.raises(TypeError):
        settings()


def test_propertymock_stands_in_for_a_property():
    with patch.object(Client, "base_url", new_callable=PropertyMock) as base_url:
        base_url.return_value = "http://localhost"
        assert Client().url("/users") == "http://localhost/users"
    base_url.assert_called_once_with()


def test_threadingmock_waits_for_a_call_from_another_thread():
    callback = ThreadingMock()

    threading.Thread(target=callback, args=("done",)).start()

    callback.wait_until_called(timeout=5)
    callback.wait_until_any_call_with("done")


def test_invalidspecerror_is_raised_for_a_mock_as_spec():
    with pytest.raises(InvalidSpecError):
        create_autospec(Mock())


async def test_patch_makes_an_async_target_an_asyncmock():
    with patch(__name__ + ".load_user", return_value={"id": 7}) as fake:
        assert isinstance(fake, AsyncMock)
        assert await load_user(7) == {"id": 7}
    fake.assert_awaited_once_with(7)


async def test_patch_object_replaces_an_attribute():
    with patch.object(Client, "get", return_value={"id": 7}) as get:
        assert await Client().get("/users/7") == {"id": 7}
    get.assert_awaited_once_with("/users/7")


def test_patch_multiple_replaces_several_attributes():
    with patch.multiple(Client, base_url="http://localhost", get=DEFAULT) as patched:
        assert Client().url("/") == "http://localhost/"
        assert isinstance(patched["get"], AsyncMock)


def test_patch_dict_restores_the_dictionary():
    with patch.dict(CONFIG, retries=0):
        assert CONFIG == {"retries": 0}
    assert CONFIG == {"retries": 3}


def test_patch_stopall_stops_the_started_patches():
    patch.object(Client, "base_url", "http://localhost").start()
    patch.dict(CONFIG, retries=0).start()

    patch.stopall()

    assert Client.base_url == "https://api.example.com"
    assert CONFIG == {"retries": 3}


async def test_create_autospec_keeps_async_methods_async():
    client = create_autospec(Client, instance=True)
    client.get.return_value = {"id": 7}

    assert await client.get("/users/7") == {"id": 7}
    assert client.url("/") is not None  # a sync method stays sync
    with pytest.raises(TypeError):
        client.get()  # the signature is checked


def test_mock_open_reads_the_data_given():
    opener = mock_open(read_data="retries=3\n")

    with patch("builtins.open", opener):
        with open("app.ini") as config:
            assert config.read() == "retries=3\n"
    opener.assert_called_once_with("app.ini")


def test_seal_refuses_new_attributes():
    client = MagicMock()
    client.session.get.return_value = "ok"
    seal(client)

    assert client.session.get() == "ok"
    with pytest.raises(AttributeError):
        client.sesion


async def test_virtual_time_skips_the_sleeps():
    async with virtual_time() as clock:
        start = clock.now
        await asyncio.sleep(3600)
        assert clock.now - start == pytest.approx(3600)


@virtual_time
async def test_virtual_time_as_a_decorator():
    await asyncio.wait_for(asyncio.sleep(60), timeout=120)


async def test_virtualclock_advance_moves_time_on():
    clock = VirtualClock()
    async with virtual_time(clock=clock):
        task = asyncio.ensure_future(asyncio.sleep(30))
        clock.advance(30)
        await task
        assert task.done()


async def two_tasks_take_the_last_ticket():
    sold = {"count": 0}

    async def buy():
        if sold["count"] < 1:  # check ...
            await checkpoint("between check and act")
            sold["count"] += 1  # ... then act
    await asyncio.gather(buy(), buy())
    assert sold["count"] <= 1, "oversold"


async def test_interleavings_finds_a_race_and_reports_its_seed():
    with pytest.raises(InterleavingFailure) as found:
        await interleavings(runs=200, seed=1)(two_tasks_take_the_last_ticket)()
    assert "between check and act" in found.value.schedule[0]
    assert isinstance(found.value.__cause__, AssertionError)


@interleavings(runs=50)
async def test_interleavings_as_a_decorator():
    db = AsyncMock()
    await asyncio.gather(db.get("a"), db.get("b"))
    assert db.get.await_count == 2


def test_install_makes_unittest_mock_asyncmocks():
    asyncmock.install()
    try:
        assert unittest.mock.AsyncMock is asyncmock.AsyncMock
    finally:
        asyncmock.uninstall()
    assert getattr(unittest.mock, "AsyncMock", None) is not asyncmock.AsyncMock  # none on 3.6/3.7


class OrdersTest(IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.repository = AsyncMock()
        self.repository.get.return_value = {"id": 7}

    async def test_get_awaits_the_repository(self):
        self.assertEqual(await self.repository.get(7), {"id": 7})
        self.repository.get.assert_awaited_once_with(7)


async def test_call_any_and_sentinel_describe_expected_awaits():
    repository = AsyncMock()

    await repository.save(sentinel.order, retries=3)

    assert repository.mock_calls == [call.save(sentinel.order, retries=ANY)]
    repository.save.assert_awaited_once_with(sentinel.order, retries=3)


async def test_default_as_a_side_effect_result_gives_the_return_value():
    fetch = AsyncMock(return_value="cached", side_effect=lambda key: DEFAULT if key == "a" else key)

    assert await fetch("a") == "cached"
    assert await fetch("b") == "b"


def test_filter_dir_hides_attributes_not_yet_used():
    client = Mock(spec=Client)

    assert "get" in dir(client)
    assert "assert_called_with" in dir(client)
    assert asyncmock.FILTER_DIR is unittest.mock.FILTER_DIR


def test_strict_mode_fails_a_test_case_that_leaves_a_task_running():
    @asyncmock.strict_mode(checks="tasks")
    class Case(IsolatedAsyncioTestCase):
        async def test_starts_a_worker(self):
            asyncio.ensure_future(asyncio.sleep(3600))
            await asyncio.sleep(0)

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
    assert "[tasks]" in result.failures[0][1]
