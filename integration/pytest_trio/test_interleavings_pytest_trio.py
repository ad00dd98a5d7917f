"""Races explored under pytest-trio: the marker finds the race, and the seed option replays it."""
import pytest
import trio

from asyncmock import AsyncMock

pytestmark = pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook:RuntimeWarning")

RUNS = []


@pytest.mark.trio
@pytest.mark.asyncmock_interleavings(runs=15)
async def test_a_locked_cache_passes_every_schedule(asyncmock_interleaving):
    db, cache, lock = AsyncMock(), {}, trio.Lock()

    async def get_user():
        async with lock:
            if 1 not in cache:
                cache[1] = await db.fetch(1)

    async with trio.open_nursery() as nursery:
        nursery.start_soon(get_user)
        nursery.start_soon(get_user)
    db.fetch.assert_awaited_once()
    RUNS.append(asyncmock_interleaving)


def test_every_schedule_ran():
    assert len(RUNS) == 15
