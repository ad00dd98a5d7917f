"""asyncmock under trio: no asyncio event loop is involved at all.

Each test is a plain function that drives its scenario with ``trio.run``, so
the awaits, records and magic protocols are shown to be loop-agnostic.
"""
import asyncio
import sys

import pytest
import sniffio
import trio

from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, call, create_autospec, patch


async def _fetch(key, default=None):
    """An async function to autospec and wrap."""
    await trio.sleep(0)
    return (key, default)


async def remote_call(payload):
    """A module-level coroutine function for patch to replace."""
    await trio.sleep(0)
    return "real"


async def call_remote():
    """Looks remote_call up in the module globals at call time, as patched code does."""
    return await remote_call("request")


def test_trio_awaits_async_mock_return_value():
    """Awaiting an AsyncMock under trio gives its return_value."""
    mock = AsyncMock(return_value="value")

    async def main():
        return await mock("key")

    assert trio.run(main) == "value"


def test_trio_run_has_no_asyncio_loop():
    """The scenario really runs under trio: asyncio sees no running loop."""
    seen = []

    async def side_effect():
        seen.append(sniffio.current_async_library())
        # The public get_running_loop() is 3.7+; this twin exists from 3.6 on.
        seen.append(asyncio._get_running_loop())

    mock = AsyncMock(side_effect=side_effect)
    trio.run(mock)
    assert seen == ["trio", None]


def test_trio_await_is_recorded():
    """Awaits made under trio are recorded and assertable afterwards."""
    mock = AsyncMock()

    async def main():
        await mock(1, key="a")
        await mock(2)

    trio.run(main)
    mock.assert_has_awaits([call(1, key="a"), call(2)])
    assert mock.await_count == 2


def test_trio_await_assertions_inside_run():
    """Await assertions also work while trio is still running."""
    mock = AsyncMock()

    async def main():
        mock.assert_not_awaited()
        await mock("x")
        mock.assert_awaited_once_with("x")

    trio.run(main)


def test_trio_side_effect_exception_propagates():
    """An exception side_effect is raised out of the trio await."""
    mock = AsyncMock(side_effect=ConnectionError("refused"))

    async def main():
        await mock()

    with pytest.raises(ConnectionError, match="refused"):
        trio.run(main)
    mock.assert_awaited_once()


def test_trio_side_effect_iterable():
    """An iterable side_effect yields one item per await under trio."""
    mock = AsyncMock(side_effect=[1, 2])

    async def main():
        return [await mock(), await mock()]

    assert trio.run(main) == [1, 2]


def test_trio_async_side_effect_can_use_trio():
    """An async side_effect is awaited inside trio, so it may use trio's primitives."""

    async def side_effect(delay):
        await trio.sleep(delay)
        return "slept"

    mock = AsyncMock(side_effect=side_effect)
    assert trio.run(mock, 0) == "slept"
    mock.assert_awaited_once_with(0)


def test_trio_wraps_async_function():
    """wraps= awaits the wrapped trio-using coroutine function."""
    mock = AsyncMock(wraps=_fetch)
    assert trio.run(mock, "k") == ("k", None)
    mock.assert_awaited_once_with("k")


def test_trio_concurrent_awaits_in_nursery():
    """Awaits from concurrent trio tasks are all recorded."""
    mock = AsyncMock()

    async def main():
        async with trio.open_nursery() as nursery:
            for index in range(3):
                nursery.start_soon(mock, index)

    trio.run(main)
    mock.assert_has_awaits([call(0), call(1), call(2)], any_order=True)


def test_trio_cancellation_inside_side_effect():
    """Cancelling a pending await leaves it recorded and ends cleanly."""

    async def side_effect():
        await trio.sleep_forever()

    mock = AsyncMock(side_effect=side_effect)

    async def main():
        with trio.move_on_after(0.01) as scope:
            await mock()
        return scope.cancelled_caught

    assert trio.run(main) is True
    mock.assert_awaited_once()


def test_trio_awaits_async_magicmock():
    """AsyncMagicMock is awaitable under trio as well."""
    mock = AsyncMagicMock(return_value=5)
    assert trio.run(mock) == 5
    mock.assert_awaited_once_with()


def test_trio_autospec_of_async_function():
    """An autospecced async function is awaitable under trio and checks its signature."""
    mocked = create_autospec(_fetch, return_value="auto")

    async def main():
        with pytest.raises(TypeError):
            await mocked()
        return await mocked("key", default=1)

    assert trio.run(main) == "auto"
    mocked.assert_awaited_once_with("key", default=1)


def test_trio_patch_decorated_coroutine_function():
    """A patch-decorated coroutine function can be the trio entry point."""
    original = remote_call

    @patch.object(sys.modules[__name__], "remote_call", return_value="patched")
    async def main(mocked):
        return await call_remote(), mocked

    result, mocked = trio.run(main)
    assert result == "patched"
    mocked.assert_awaited_once_with("request")
    assert remote_call is original


def test_trio_async_with_magicmock():
    """``async with`` on a MagicMock works under trio."""
    mock = MagicMock()
    mock.__aenter__.return_value = "resource"

    async def main():
        async with mock as entered:
            return entered

    assert trio.run(main) == "resource"
    mock.__aexit__.assert_awaited_once_with(None, None, None)


def test_trio_aexit_true_suppresses_exception():
    """__aexit__ returning True suppresses the body's exception under trio."""
    mock = MagicMock()
    mock.__aexit__.return_value = True

    async def main():
        async with mock:
            raise ValueError("swallowed")
        return "after"

    assert trio.run(main) == "after"


def test_trio_aexit_default_lets_exception_propagate():
    """By default __aexit__ returns False and the exception leaves trio.run."""

    async def main():
        async with MagicMock():
            raise KeyError("escapes")

    with pytest.raises(KeyError):
        trio.run(main)


def test_trio_async_for_magicmock():
    """``async for`` over a MagicMock yields its __aiter__.return_value under trio."""
    mock = MagicMock()
    mock.__aiter__.return_value = [1, 2, 3]

    async def main():
        return [item async for item in mock]

    assert trio.run(main) == [1, 2, 3]


def test_trio_async_for_default_is_empty():
    """An unconfigured MagicMock is an empty async iterable under trio."""

    async def main():
        return [item async for item in MagicMock()]

    assert trio.run(main) == []


def test_trio_async_with_and_for_on_async_magicmock():
    """AsyncMagicMock supports both async protocols under trio."""
    mock = AsyncMagicMock()
    mock.__aenter__.return_value = mock
    mock.__aiter__.return_value = "ab"

    async def main():
        async with mock as entered:
            return [item async for item in entered]

    assert trio.run(main) == ["a", "b"]
    assert mock.mock_calls == [call.__aenter__(), call.__aiter__(), call.__aexit__(None, None, None)]
