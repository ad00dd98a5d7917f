"""Races explored under trio: mock awaits are scheduling points there too, and a seed replays exactly."""
import pytest
import trio
import trio.testing

from asyncmock import AsyncMock, InterleavingFailure, interleavings

pytest_plugins = ["pytester"]


async def get_user(cache, db, uid):
    if uid not in cache:
        cache[uid] = await db.fetch(uid)
    return cache[uid]


async def two_requests_fetch_once():
    db = AsyncMock()
    cache = {}
    async with trio.open_nursery() as nursery:
        nursery.start_soon(get_user, cache, db, 1)
        nursery.start_soon(get_user, cache, db, 1)
    db.fetch.assert_awaited_once()


def explore(program, clock=None, **options):
    with pytest.raises(InterleavingFailure) as found:
        trio.run(interleavings(**options)(program), clock=clock)
    return found.value


def test_the_race_is_found_for_many_base_seeds_under_trio():
    for base in range(0, 30000, 1000):
        assert explore(two_requests_fetch_once, trio.testing.MockClock(), runs=200, seed=base).run < 200


def test_a_seed_replays_the_same_schedule_under_trio_every_time():
    found = explore(two_requests_fetch_once, trio.testing.MockClock(), runs=200, seed=11)
    for _ in range(5):
        again = explore(two_requests_fetch_once, trio.testing.MockClock(), seed=found.seed)
        assert (again.run, again.schedule) == (0, found.schedule)
    assert found.schedule[0].split(": ")[1].startswith("mock.fetch(1)")


def test_with_a_mock_clock_each_run_is_in_virtual_time():
    elapsed = []

    async def program():
        start = trio.current_time()
        slow = AsyncMock(await_delay=3600)
        with trio.move_on_after(60):
            await slow()
        elapsed.append(trio.current_time() - start)

    trio.run(interleavings(runs=10, seed=4)(program), clock=trio.testing.MockClock())
    assert elapsed == [60] * 10


def test_without_a_mock_clock_the_runs_explore_in_real_time():
    async def program():
        db = AsyncMock()
        await db.fetch(1)
        assert trio.lowlevel.current_clock().__class__.__name__ != "MockClock"

    trio.run(interleavings(runs=5, seed=1)(program))


def test_the_locked_version_never_fails_under_trio():
    async def program():
        db, cache, lock = AsyncMock(), {}, trio.Lock()

        async def locked():
            async with lock:
                await get_user(cache, db, 1)

        async with trio.open_nursery() as nursery:
            nursery.start_soon(locked)
            nursery.start_soon(locked)
        db.fetch.assert_awaited_once()

    trio.run(interleavings(runs=1000, seed=3)(program), clock=trio.testing.MockClock())
