"""Races found, not hidden: mock awaits as scheduling points, explored by seed and replayed exactly.

Both sides: each race is found for many base seeds, the same code with a
lock never fails, replay gives the same schedule, and with exploration off
nothing changes.
"""
import asyncio

import pytest

from asyncmock import AsyncMock, InterleavingFailure, MagicMock, checkpoint, create_autospec, interleavings, patch
from asyncmock._records import EXPLORATIONS
from _support import LOOP_PER_TEST_CONFTEST, plugin_args, run

pytest_plugins = ["pytester"]


async def get_user(cache, db, uid):
    if uid not in cache:  # check ...
        cache[uid] = await db.fetch(uid)  # ... then act: another task can run here in production
    return cache[uid]


async def two_requests_fetch_once():
    db = AsyncMock()
    cache = {}
    await asyncio.gather(get_user(cache, db, 1), get_user(cache, db, 1))
    db.fetch.assert_awaited_once()


async def increment(store):
    value = await store.get()
    await store.put(value + 1)


def counter_store():
    """A store whose get/put are mocks over one shared value."""
    state = {"value": 0}
    store = AsyncMock()
    store.get.side_effect = lambda: state["value"]
    store.put.side_effect = lambda value: state.update(value=value)
    return store, state


async def two_increments_add_two():
    store, state = counter_store()
    await asyncio.gather(increment(store), increment(store))
    assert state["value"] == 2


async def get_user_locked(cache, db, uid, lock):
    async with lock:
        if uid not in cache:
            cache[uid] = await db.fetch(uid)
    return cache[uid]


async def two_locked_requests_fetch_once():
    db = AsyncMock()
    cache = {}
    lock = asyncio.Lock()
    await asyncio.gather(get_user_locked(cache, db, 1, lock), get_user_locked(cache, db, 1, lock))
    db.fetch.assert_awaited_once()


async def two_locked_increments_add_two():
    store, state = counter_store()
    lock = asyncio.Lock()

    async def locked():
        async with lock:
            await increment(store)

    await asyncio.gather(locked(), locked())
    assert state["value"] == 2


def failure_of(program, **options):
    with pytest.raises(InterleavingFailure) as found:
        run(interleavings(**options)(program)())
    return found.value


# --- finding races -------------------------------------------------------------------

@pytest.mark.parametrize("program", [two_requests_fetch_once, two_increments_add_two], ids=["check-then-act", "lost-update"])
def test_each_race_is_found_within_the_default_runs_for_many_base_seeds(program):
    for base in range(0, 100000, 1000):  # 100 different explorations of 200 runs each
        failure = failure_of(program, runs=200, seed=base)
        assert failure.run < 200


@pytest.mark.parametrize("program", [two_locked_requests_fetch_once, two_locked_increments_add_two], ids=["check-then-act", "lost-update"])
def test_the_same_code_with_a_lock_never_fails(program):
    run(interleavings(runs=3000, seed=7)(program)())


def test_a_failure_is_an_assertion_error_with_its_seed_run_schedule_and_cause():
    failure = failure_of(two_requests_fetch_once, runs=200, seed=1)
    assert isinstance(failure, AssertionError)
    assert isinstance(failure.__cause__, AssertionError)
    assert failure.__cause__.__traceback__ is not None
    assert "Expected fetch to have been awaited once. Awaited 2 times." in str(failure)
    assert failure.schedule[0].startswith("Task-1: mock.fetch(1) lets others run")
    assert "Task-2: mock.fetch(1)" in failure.schedule[1]
    assert "Schedule (%d steps):\n  1. Task-1: mock.fetch(1)" % len(failure.schedule) in str(failure)
    assert (
        "Replay it: @asyncmock.interleavings(seed=%d), @pytest.mark.asyncmock_interleavings(seed=%d), "
        "or pytest --asyncmock-seed=%d" % ((failure.seed,) * 3)
    ) in str(failure)
    assert "run %d of 200 failed under seed %d" % (failure.run + 1, failure.seed) in str(failure)


def test_replaying_the_seed_fails_on_its_first_run_with_the_same_schedule_every_time():
    found = failure_of(two_increments_add_two, runs=200, seed=123)
    for _ in range(5):
        again = failure_of(two_increments_add_two, seed=found.seed)
        assert (again.run, again.seed, again.schedule) == (0, found.seed, found.schedule)


def test_runs_and_a_base_seed_explore_the_same_schedules_every_time():
    first = failure_of(two_requests_fetch_once, runs=50, seed=40)
    second = failure_of(two_requests_fetch_once, runs=50, seed=40)
    assert (first.run, first.seed, first.schedule) == (second.run, second.seed, second.schedule)
    assert first.seed == 40 + first.run


def test_without_a_seed_each_call_explores_from_a_new_base():
    seeds = {failure_of(two_requests_fetch_once).seed for _ in range(5)}
    assert len(seeds) > 1


# --- what is a scheduling point ---------------------------------------------------

async def waits_in_order(record, name, awaitable_of):
    record.append(name + " starts")
    await awaitable_of()
    record.append(name + " ends")


def explored_order(make):
    """The order two tasks ran in, under each schedule until one interleaves them."""
    orders = []

    async def program():
        record = []
        await asyncio.gather(waits_in_order(record, "a", make()), waits_in_order(record, "b", make()))
        orders.append(record)

    run(interleavings(runs=200, seed=3)(program)())
    return orders


async def _async_def(x):
    return x


class Client:
    async def get(self, url):
        return url


def autospecced_function():
    function = create_autospec(_async_def)
    return lambda: function(1)


def autospecced_method():
    client = create_autospec(Client())
    return lambda: client.get("/a")


@pytest.mark.parametrize("make", [
    lambda: AsyncMock(),
    lambda: AsyncMock().child,
    lambda: MagicMock().__aenter__,
    autospecced_function,
    autospecced_method,
    lambda: checkpoint,
], ids=["AsyncMock", "async child", "__aenter__", "autospecced async def", "autospecced async method", "checkpoint"])
def test_every_await_of_an_async_mock_and_checkpoint_is_a_scheduling_point(make):
    orders = explored_order(make)
    interleaved = ["a starts", "b starts", "a ends", "b ends"]
    assert interleaved in orders or ["a starts", "b starts", "b ends", "a ends"] in orders


def test_a_patched_async_def_is_a_scheduling_point():
    with patch(__name__ + "._async_def") as patched:
        orders = explored_order(lambda: (lambda: patched(1)))
    assert ["a starts", "b starts", "a ends", "b ends"] in orders


def test_the_schedule_names_each_point_as_its_call_and_tasks_by_their_own_names():
    async def program():
        db = AsyncMock(name="db")

        async def worker():
            await db.query("SELECT 1")

        await asyncio.gather(asyncio.ensure_future(worker()), asyncio.ensure_future(worker()))
        await checkpoint("done")
        raise RuntimeError("to see the schedule")

    failure = failure_of(program, seed=5)
    assert any(step.startswith("Task-1: db.query('SELECT 1')") for step in failure.schedule)
    assert any(step.startswith("Task-2: db.query('SELECT 1')") for step in failure.schedule)
    assert any(": done " in step for step in failure.schedule)


def test_tasks_that_share_a_name_are_told_apart_in_the_schedule():
    async def program():
        db = AsyncMock(name="db")
        loop = asyncio.get_event_loop()
        first, second = loop.create_task(db.get()), loop.create_task(db.get())
        for task in (first, second):
            if hasattr(task, "set_name"):  # 3.8+
                task.set_name("worker")
        await asyncio.gather(first, second)
        raise RuntimeError("to see the schedule")

    failure = failure_of(program, seed=5)
    names = {step.split(": ")[0] for step in failure.schedule}
    assert len(names) == 2  # two tasks, two names, however they are called


# --- exploration off: nothing changes -----------------------------------------------

def test_with_exploration_off_an_await_never_lets_another_task_run():
    record = []

    async def program():
        mock = AsyncMock()
        await asyncio.gather(
            waits_in_order(record, "a", lambda: mock()), waits_in_order(record, "b", checkpoint),
        )

    run(program())
    # (3.6's gather starts its tasks in either order: each runs to its end, though.)
    assert record in (["a starts", "a ends", "b starts", "b ends"], ["b starts", "b ends", "a starts", "a ends"])
    assert EXPLORATIONS == []


def test_an_exploration_ends_with_its_run_even_on_error():
    async def fails():
        await AsyncMock()()
        raise ValueError("always")

    with pytest.raises(InterleavingFailure):
        run(interleavings(seed=1)(fails)())
    assert EXPLORATIONS == []


# --- virtual time ---------------------------------------------------------------------

def test_each_run_is_in_virtual_time_with_timeouts_in_their_order():
    elapsed = []

    async def program():
        loop = asyncio.get_event_loop()
        start = loop.time()
        slow = AsyncMock(await_delay=3600)
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(slow(), 60)
        elapsed.append(loop.time() - start)

    run(interleavings(runs=20, seed=9)(program)())
    assert elapsed == [60] * 20


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("runs, error, message", [
    ("3", TypeError, r"interleavings\(\) runs must be an int >= 1; got '3'"),
    (True, TypeError, r"interleavings\(\) runs must be an int >= 1; got True"),
    (0, ValueError, r"interleavings\(\) runs must be an int >= 1; got 0"),
])
def test_runs_must_be_an_int_of_at_least_one(runs, error, message):
    with pytest.raises(error, match=message):
        interleavings(runs=runs)


def test_a_seed_must_be_an_int():
    with pytest.raises(TypeError, match=r"interleavings\(\) seed must be an int; got 1.5"):
        interleavings(seed=1.5)


def test_it_decorates_only_an_async_def():
    with pytest.raises(TypeError, match=r"interleavings\(\) decorates an async def; its argument must be one"):
        interleavings()(lambda: None)


def test_an_exploration_inside_another_is_refused_naming_both():
    @interleavings(seed=2)
    async def inner():
        pass

    @interleavings(seed=1)
    async def outer():
        await inner()

    with pytest.raises(RuntimeError, match=r"cannot run inside another exploration \(seed 1\)"):
        run(outer())
    assert EXPLORATIONS == []


# --- the pytest plugin: one item per schedule --------------------------------------------

RUNNER = LOOP_PER_TEST_CONFTEST

RACY_TEST = """
import asyncio
import pytest
from asyncmock import AsyncMock

SET_UPS = []

async def get_user(cache, db, uid, lock=None):
    if lock is not None:
        async with lock:
            return await get_user(cache, db, uid)
    if uid not in cache:
        cache[uid] = await db.fetch(uid)
    return cache[uid]

@pytest.fixture
def db():
    SET_UPS.append(1)
    return AsyncMock()

@pytest.mark.asyncmock_interleavings(runs=30)
async def test_two_requests_fetch_once(db):
    cache = {}
    await asyncio.gather(get_user(cache, db, 1), get_user(cache, db, 1))
    db.fetch.assert_awaited_once()

@pytest.mark.asyncmock_interleavings(runs=20)
async def test_two_locked_requests_fetch_once(db):
    cache, lock = {}, asyncio.Lock()
    await asyncio.gather(get_user(cache, db, 1, lock), get_user(cache, db, 1, lock))
    db.fetch.assert_awaited_once()
    assert db.fetch.await_args_list == [((1,),)]  # a fresh mock: this run's await alone

def test_each_run_set_up_its_fixtures_anew():
    assert len(SET_UPS) >= 20
"""



def test_the_marker_runs_each_schedule_as_its_own_item_with_fresh_fixtures(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_racy=RACY_TEST)
    result = pytester.runpytest_inprocess(*plugin_args(pytester), "-rs")
    outcomes = result.parseoutcomes()
    # One failure per explored test; its later runs are skipped, naming the seed.
    assert outcomes["failed"] == 1
    assert outcomes["passed"] + outcomes["skipped"] == 30 + 20 + 1 - 1
    assert outcomes["passed"] >= 20 + 1
    result.stdout.fnmatch_lines([
        "*InterleavingFailure: asyncmock.interleavings: run * of 30 failed under seed *",
        "*1. Task-1: mock.fetch(1) lets others run*",
        "*Replay it: @asyncmock.interleavings(seed=*), @pytest.mark.asyncmock_interleavings(seed=*), "
        "or pytest 'test_racy.py::test_two_requests_fetch_once' --asyncmock-seed=*",
        "SKIPPED * asyncmock.interleavings: this test already failed under seed *; replay that schedule "
        "with --asyncmock-seed=*",
    ])


def test_the_seed_option_replays_the_failing_schedule_as_one_item(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_racy=RACY_TEST)
    explored = pytester.runpytest_inprocess(*plugin_args(pytester), "-k", "test_two_requests_fetch_once")
    failed = [line for line in explored.outlines if line.startswith("FAILED")]
    seed = failed[0].split("[seed=")[1].split("]")[0]
    for _ in range(3):
        replay = pytester.runpytest_inprocess(
            *plugin_args(pytester), "-k", "test_two_requests_fetch_once", "--asyncmock-seed=" + seed,
        )
        replay.assert_outcomes(failed=1)
        replay.stdout.fnmatch_lines(["*run 1 of 1 failed under seed %s*" % seed])


def test_the_option_explores_every_async_test_and_fixed_code_passes_every_run(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_fixed="""
        import asyncio
        from asyncmock import AsyncMock

        async def get_user(cache, db, uid, lock):
            async with lock:
                if uid not in cache:
                    cache[uid] = await db.fetch(uid)
            return cache[uid]

        async def test_two_requests_fetch_once():
            db, cache, lock = AsyncMock(), {}, asyncio.Lock()
            await asyncio.gather(get_user(cache, db, 1, lock), get_user(cache, db, 1, lock))
            db.fetch.assert_awaited_once()

        def test_a_sync_test_runs_once():
            pass
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester), "--asyncmock-interleavings=50")
    result.assert_outcomes(passed=51)


def test_a_marker_on_a_sync_test_or_with_bad_arguments_is_the_tests_error(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_bad="""
        import pytest

        @pytest.mark.asyncmock_interleavings
        def test_sync():
            pass

        @pytest.mark.asyncmock_interleavings(runs=0)
        async def test_no_runs():
            pass

        @pytest.mark.asyncmock_interleavings(seed="x")
        async def test_bad_seed():
            pass
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines_random([
        "*@pytest.mark.asyncmock_interleavings applies to async def tests; test_sync is not one*",
        "*@pytest.mark.asyncmock_interleavings runs must be an int >= 1; got 0*",
        "*@pytest.mark.asyncmock_interleavings seed must be an int; got 'x'*",
    ])


def test_the_runs_option_must_be_at_least_one(pytester):
    pytester.makepyfile(test_any="def test_any(): pass")
    result = pytester.runpytest_inprocess(*plugin_args(pytester), "--asyncmock-interleavings=0")
    result.stderr.fnmatch_lines(["*--asyncmock-interleavings must be an int >= 1; got 0*"])
    assert result.ret != 0


def test_a_test_can_read_its_seed_run_and_runs_from_the_fixture(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_seen="""
        import pytest

        SEEN = []

        @pytest.mark.asyncmock_interleavings(runs=3, seed=100)
        async def test_explored(asyncmock_interleaving):
            SEEN.append(asyncmock_interleaving)

        def test_the_runs():
            assert SEEN == [(100, 0, 3), (101, 1, 3), (102, 2, 3)]
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(passed=4)


def test_an_exploration_inside_an_explored_test_is_the_tests_error_unwrapped(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_nested="""
        import pytest
        from asyncmock import interleavings

        @interleavings(runs=2)
        async def inner():
            pass

        @pytest.mark.asyncmock_interleavings(runs=1)
        async def test_nested():
            await inner()
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*NestedExploration: asyncmock.interleavings() cannot run inside another exploration*"])
    assert "InterleavingFailure" not in result.stdout.str()
