"""How-to: find races with asyncmock.interleavings (docs/howto/finding-races.md).

A check-then-act cache and a lost update: both pass without exploration,
both are found and replayed under it, and both pass every schedule once
an ``asyncio.Lock`` guards them.
"""
import asyncio

import pytest

from asyncmock import AsyncMock, InterleavingFailure, interleavings


# [start racy-cache]
async def get_user(cache, db, uid):
    if uid not in cache:  # check ...
        cache[uid] = await db.fetch(uid)  # ... then act: another task can run here in production
    return cache[uid]


async def two_requests_fetch_once():
    db = AsyncMock()
    cache = {}
    await asyncio.gather(get_user(cache, db, 1), get_user(cache, db, 1))
    db.fetch.assert_awaited_once()
# [end racy-cache]


async def test_without_exploration_the_race_hides():
    await two_requests_fetch_once()  # passes: each await finishes without letting the other task in


# [start found]
async def test_interleavings_finds_the_race_and_its_seed_replays_it():
    with pytest.raises(InterleavingFailure) as found:
        await interleavings(runs=200, seed=2026)(two_requests_fetch_once)()
    assert found.value.schedule[0].startswith("Task-1: mock.fetch(1) lets others run")

    with pytest.raises(InterleavingFailure) as replayed:
        await interleavings(seed=found.value.seed)(two_requests_fetch_once)()
    assert replayed.value.run == 0 and replayed.value.schedule == found.value.schedule
# [end found]


# [start fixed-cache]
async def get_user_once(cache, db, uid, lock):
    async with lock:  # one task checks and fills the cache at a time
        if uid not in cache:
            cache[uid] = await db.fetch(uid)
    return cache[uid]


@interleavings(runs=200)
async def test_the_locked_cache_fetches_once_under_every_schedule():
    db = AsyncMock()
    cache, lock = {}, asyncio.Lock()
    await asyncio.gather(get_user_once(cache, db, 1, lock), get_user_once(cache, db, 1, lock))
    db.fetch.assert_awaited_once()
# [end fixed-cache]


# [start lost-update]
async def add_one(store):
    value = await store.get()
    await store.put(value + 1)


def counter():
    state = {"value": 0}
    store = AsyncMock()
    store.get.side_effect = lambda: state["value"]
    store.put.side_effect = lambda value: state.update(value=value)
    return store, state


async def two_increments():
    store, state = counter()
    await asyncio.gather(add_one(store), add_one(store))
    assert state["value"] == 2, "lost an update: %s" % state["value"]
# [end lost-update]


async def test_the_lost_update_is_found():
    with pytest.raises(InterleavingFailure, match="lost an update: 1"):
        await interleavings(runs=200, seed=7)(two_increments)()


# [start fixed-update]
@interleavings(runs=200)
async def test_locked_increments_never_lose_an_update():
    store, state = counter()
    lock = asyncio.Lock()

    async def add_one_locked():
        async with lock:
            await add_one(store)

    await asyncio.gather(add_one_locked(), add_one_locked())
    assert state["value"] == 2
# [end fixed-update]
