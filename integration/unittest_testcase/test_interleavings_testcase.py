"""``@interleavings`` on an ``IsolatedAsyncioTestCase`` test method: found, replayed, and fixed."""
import asyncio

from _bases import for_each_base
from asyncmock import AsyncMock, InterleavingFailure, interleavings


async def get_user(cache, db, uid):
    if uid not in cache:
        cache[uid] = await db.fetch(uid)
    return cache[uid]


class _Races:
    async def test_the_race_is_found_and_its_seed_replays_it(self):
        async def racy():
            db, cache = AsyncMock(), {}
            await asyncio.gather(get_user(cache, db, 1), get_user(cache, db, 1))
            db.fetch.assert_awaited_once()

        with self.assertRaises(InterleavingFailure) as found:
            await interleavings(runs=200, seed=8)(racy)()
        with self.assertRaises(InterleavingFailure) as replayed:
            await interleavings(seed=found.exception.seed)(racy)()
        self.assertEqual(replayed.exception.schedule, found.exception.schedule)

    @interleavings(runs=100, seed=5)
    async def test_a_locked_cache_passes_every_schedule(self):
        db, cache, lock = AsyncMock(), {}, asyncio.Lock()

        async def locked():
            async with lock:
                await get_user(cache, db, 1)

        await asyncio.gather(locked(), locked())
        db.fetch.assert_awaited_once()


globals().update(for_each_base(_Races))
