"""The open CPython mock bugs we fix, each with its issue: the stdlib's behaviour, then ours.

Each test first pins the stdlib's behaviour (so it fails the day CPython fixes
the bug and this list needs updating), then shows asyncmock's.
"""
import asyncio
import inspect
import unittest.mock as stdlib

import pytest
from _support import second_thread_during

import asyncmock


async def fetch(url):
    """An async function to autospec."""


def parse(text):
    """A sync function to spec."""


class Client:
    def close(self):
        """Sync method."""


def test_autospec_of_an_async_function_records_the_call_when_made_gh137594():
    for namespace, count in ((stdlib, 0), (asyncmock, 1)):
        mocked = namespace.create_autospec(fetch)
        pending = mocked("https://example.org")
        assert mocked.call_count == count
        pending.close()


async def test_an_awaitable_side_effect_is_awaited_gh116055():
    future = asyncio.get_running_loop().create_future()
    future.set_result("resolved")
    with pytest.raises(StopAsyncIteration):  # the stdlib iterates the Future instead
        await stdlib.AsyncMock(side_effect=future)()
    assert await asyncmock.AsyncMock(side_effect=future)() == "resolved"


async def test_an_async_callable_object_side_effect_is_awaited_gh116055():
    class Handler:
        async def __call__(self):
            return "handled"

    result = await stdlib.AsyncMock(side_effect=Handler())()
    assert inspect.iscoroutine(result)
    result.close()
    assert await asyncmock.AsyncMock(side_effect=Handler())() == "handled"


def test_mocks_of_sync_callables_are_not_coroutine_functions_gh85794():
    assert inspect.iscoroutinefunction(stdlib.MagicMock(spec=parse))
    assert inspect.iscoroutinefunction(stdlib.create_autospec(Client).close)
    assert not inspect.iscoroutinefunction(asyncmock.MagicMock(spec=parse))
    assert not inspect.iscoroutinefunction(asyncmock.create_autospec(Client).close)


class Settings:
    mode = "real"


async def test_patch_decorating_an_async_generator_stays_active_gh88893():
    async def read():
        yield Settings.mode

    for namespace, seen in ((stdlib, "real"), (asyncmock, "patched")):
        decorated = namespace.patch.object(Settings, "mode", "patched")(read)
        assert [item async for item in decorated()] == [seen]


def test_a_magic_method_is_not_seen_before_it_is_configured_gh70787():
    # The mock's repr is __str__'s return value: a second thread calls str()
    # while the first one is computing it.
    for namespace in (stdlib, asyncmock):
        first, second = second_thread_during(namespace.MagicMock, "__repr__", lambda kwargs: True, str)
        assert first.startswith("<Racing id=")
        if namespace is stdlib:
            assert isinstance(second, TypeError)  # "__str__ returned non-string"
        else:
            assert second == first
