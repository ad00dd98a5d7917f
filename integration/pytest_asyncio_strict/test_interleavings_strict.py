"""Races explored under pytest-asyncio: the marker makes one item per schedule, fixtures anew."""
import asyncio

import pytest
import pytest_asyncio

from asyncmock import AsyncMock

SET_UPS = []


@pytest_asyncio.fixture
async def db():
    SET_UPS.append(1)
    await asyncio.sleep(60)  # virtual: the explored runs are in virtual time
    return AsyncMock()


async def get_user(cache, db, uid, lock):
    async with lock:
        if uid not in cache:
            cache[uid] = await db.fetch(uid)
    return cache[uid]


@pytest.mark.asyncio
@pytest.mark.asyncmock_interleavings(runs=25)
async def test_a_locked_cache_passes_every_schedule(db, asyncmock_interleaving):
    cache, lock = {}, asyncio.Lock()
    await asyncio.gather(get_user(cache, db, 1, lock), get_user(cache, db, 1, lock))
    db.fetch.assert_awaited_once()


def test_each_schedule_had_its_own_fixtures():
    assert len(SET_UPS) == 25
