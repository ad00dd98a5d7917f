"""Virtual time in ``IsolatedAsyncioTestCase``: the decorator and ``async with`` on its loop."""
import asyncio

from _bases import for_each_base
from asyncmock import AsyncMock, virtual_time

HOUR = 3600.0


class _VirtualTimeTests:
    @virtual_time
    async def test_a_decorated_test_method_sleeps_an_hour_of_virtual_time(self):
        loop = asyncio.get_event_loop()
        start = loop.time()
        await asyncio.sleep(HOUR)
        self.assertEqual(loop.time() - start, HOUR)

    async def test_async_with_in_a_test_method_makes_wait_timeouts_virtual(self):
        idle = AsyncMock(name="idle", wait_timeout=HOUR)
        async with virtual_time() as clock:
            start = clock.now
            with self.assertRaisesRegex(AssertionError, "idle was not awaited 1 time within 3600.0 seconds"):
                await idle.wait_until_awaited()
            self.assertEqual(clock.now - start, HOUR)


globals().update(for_each_base(_VirtualTimeTests))
