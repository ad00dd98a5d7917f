"""Virtual time for a whole test: every loop a thread runs, fixtures included, and the system clocks.

Every assertion is on the virtual clock (or on what is restored), never on
how long something took for real.
"""
import asyncio
import datetime
import threading
import time
import unittest

import pytest

from asyncmock import IsolatedAsyncioTestCase, VirtualClock, virtual_time
from _support import LOOP_PER_TEST_CONFTEST, plugin_args, run

pytest_plugins = ["pytester"]

HOUR = 3600.0
RUN_FOREVER = asyncio.base_events.BaseEventLoop.run_forever


async def sleep_and_measure(seconds):
    loop = asyncio.get_event_loop()
    start = loop.time()
    await asyncio.sleep(seconds)
    return loop.time() - start



# Async tests each in a new loop (sync fixtures run their own loops).
RUNNER = LOOP_PER_TEST_CONFTEST


# --- with virtual_time(): every loop of the thread ------------------------------

def test_every_loop_the_thread_runs_shares_one_virtual_clock():
    with virtual_time() as clock:
        start = clock.now
        assert run(sleep_and_measure(HOUR)) == HOUR
        assert run(sleep_and_measure(2 * HOUR)) == 2 * HOUR  # a second loop goes on from there
        assert clock.now - start == 3 * HOUR


def test_the_clock_moves_by_hand_before_any_loop_runs():
    with virtual_time() as clock:
        start = clock.now
        clock.advance(30)
        assert clock.now - start == 30
        assert start == int(start)  # from a whole second


def test_the_runners_are_restored_on_exit_even_after_an_error():
    with pytest.raises(KeyError):
        with virtual_time():
            run(sleep_and_measure(1))
            raise KeyError("boom")
    assert asyncio.base_events.BaseEventLoop.run_forever is RUN_FOREVER
    loop = asyncio.new_event_loop()
    try:
        assert "time" not in vars(loop)
    finally:
        loop.close()


def test_a_loop_kept_after_the_window_is_back_in_real_time_with_its_timers_still_due_later():
    loop = asyncio.new_event_loop()
    try:
        with virtual_time() as clock:
            loop.run_until_complete(asyncio.sleep(HOUR))
            handle = loop.call_later(10, lambda: None)
            assert loop.time() == clock.now
        assert "time" not in vars(loop) and "select" not in vars(loop._selector)
        when = handle.when() if hasattr(handle, "when") else handle._when  # when(): 3.7+
        remaining = when - loop.time()
        assert 9 <= remaining <= 10  # what was left of its delay, now on the real clock
        handle.cancel()
    finally:
        loop.close()


def test_another_thread_keeps_its_real_loop_clock():
    seen = []

    def in_thread():
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(asyncio.sleep(0))
            seen.append("time" in vars(loop))
        finally:
            loop.close()

    with virtual_time():
        other = threading.Thread(target=in_thread)
        other.start()
        other.join()
    assert seen == [False]


def test_windows_of_two_threads_each_drive_their_own_loops():
    measured = []
    entered = threading.Event()
    leave = threading.Event()

    def second():
        with virtual_time():
            entered.set()
            measured.append(run(sleep_and_measure(2 * HOUR)))
            leave.wait()

    with virtual_time():
        other = threading.Thread(target=second)
        other.start()
        entered.wait()
        measured.append(run(sleep_and_measure(HOUR)))
    assert asyncio.base_events.BaseEventLoop.run_forever is not RUN_FOREVER  # the other is still open
    leave.set()
    other.join()
    assert asyncio.base_events.BaseEventLoop.run_forever is RUN_FOREVER
    assert sorted(measured) == [HOUR, 2 * HOUR]


def test_nested_windows_share_the_outer_clock():
    with virtual_time() as outer:
        with virtual_time() as inner:
            assert inner is outer
            run(sleep_and_measure(HOUR))
        assert asyncio.base_events.BaseEventLoop.run_forever is not RUN_FOREVER
    assert asyncio.base_events.BaseEventLoop.run_forever is RUN_FOREVER


def test_a_clock_in_use_cannot_open_a_window():
    clock = VirtualClock()

    async def hold():
        async with virtual_time(clock=clock):
            with pytest.raises(RuntimeError, match="this clock is already in use"):
                with virtual_time(clock=clock):
                    pass

    run(hold())


# --- @virtual_time on a sync function or a TestCase class -----------------------

def test_a_decorated_sync_function_runs_its_loops_in_virtual_time():
    @virtual_time
    def two_runs():
        return run(sleep_and_measure(HOUR)) + run(sleep_and_measure(HOUR))

    assert two_runs() == 2 * HOUR
    assert asyncio.base_events.BaseEventLoop.run_forever is RUN_FOREVER


def test_a_decorated_test_case_runs_set_up_tear_down_and_cleanups_in_virtual_time():
    seen = []

    @virtual_time
    class Case(IsolatedAsyncioTestCase):
        async def asyncSetUp(self):
            self.loop = asyncio.get_event_loop()
            self.start = self.loop.time()
            await asyncio.sleep(HOUR)
            self.addAsyncCleanup(self.cleanup)

        async def cleanup(self):
            await asyncio.sleep(HOUR)
            seen.append(self.loop.time() - self.start)

        async def asyncTearDown(self):
            await asyncio.sleep(HOUR)

        async def test_sees_the_time_its_set_up_spent(self):
            seen.append(self.loop.time() - self.start)

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
    assert result.errors == result.failures == []
    assert seen == [HOUR, 3 * HOUR]


# --- the system clocks --------------------------------------------------------

async def retry_until(deadline_seconds, attempt):
    """A retry loop that gives up on a ``time.monotonic()`` deadline, as real code does."""
    deadline = time.monotonic() + deadline_seconds
    attempts = 0
    while time.monotonic() < deadline:
        attempts += 1
        if attempt():
            return attempts
        await asyncio.sleep(5)
    raise TimeoutError("gave up after %d attempts" % attempts)


def test_a_monotonic_deadline_loop_gives_up_in_virtual_time():
    with virtual_time(system_clocks=True) as clock:
        start = clock.now
        with pytest.raises(TimeoutError, match="gave up after 60 attempts"):
            run(retry_until(300, lambda: False))
        assert clock.now - start == 300


def test_the_system_clocks_move_with_the_virtual_clock_from_the_same_start():
    with virtual_time(system_clocks=True) as clock:
        wall, perf, today = time.time(), time.perf_counter(), datetime.datetime.now()
        assert time.monotonic() == clock.now

        async def check():
            assert asyncio.get_event_loop().time() == time.monotonic()
            await asyncio.sleep(HOUR)

        run(check())
        assert time.monotonic() == clock.now
        assert round(time.time() - wall, 6) == HOUR
        assert round(time.perf_counter() - perf, 6) == HOUR
        assert datetime.datetime.now() - today == datetime.timedelta(hours=1)
        assert abs(datetime.datetime.today() - today - datetime.timedelta(hours=1)) < datetime.timedelta(seconds=1)
        assert datetime.date.today() == datetime.datetime.now().date()
        if hasattr(time, "monotonic_ns"):
            assert time.monotonic_ns() == int(clock.now) * 10 ** 9


def test_datetime_stays_the_real_class_to_isinstance_and_constructors():
    real = datetime.datetime
    with virtual_time(system_clocks=True):
        made = datetime.datetime(2020, 1, 2, 3)
        assert type(made) is real
        assert isinstance(real(2020, 1, 1), datetime.datetime)
        assert isinstance(made, datetime.date) and issubclass(real, datetime.datetime)
        assert type(datetime.datetime.now()) is real
        assert type(datetime.date.today()) is datetime.date.today().__class__
    assert datetime.datetime is real


def test_the_system_clocks_are_restored_even_after_an_error():
    originals = (time.time, time.monotonic, time.perf_counter, datetime.datetime, datetime.date)
    with pytest.raises(KeyError):
        with virtual_time(system_clocks=True):
            raise KeyError("boom")
    assert (time.time, time.monotonic, time.perf_counter, datetime.datetime, datetime.date) == originals


def test_another_thread_reads_the_real_system_clocks():
    seen = []
    with virtual_time(system_clocks=True) as clock:
        clock.advance(10 * HOUR)
        other = threading.Thread(target=lambda: seen.append(time.monotonic()))
        other.start()
        other.join()
        assert seen[0] < time.monotonic()


def test_async_with_can_move_the_system_clocks_too():
    async def inside():
        async with virtual_time(system_clocks=True) as clock:
            start = time.monotonic()
            await asyncio.sleep(HOUR)
            assert time.monotonic() - start == HOUR == clock.now - start

    real = time.monotonic
    run(inside())
    assert time.monotonic is real


# --- the pytest plugin: whole tests, the suite switch ------------------------------

def test_the_marker_puts_fixture_set_up_and_tear_down_in_virtual_time(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_fixtures="""
        import asyncio
        import pytest

        SEEN = []

        @pytest.fixture
        def server(asyncmock_clock):
            start = asyncmock_clock.now
            loop = asyncio.new_event_loop()
            loop.run_until_complete(asyncio.sleep(3600))  # comes up with backoff
            loop.close()
            yield start
            loop = asyncio.new_event_loop()
            loop.run_until_complete(asyncio.sleep(3600))  # drains on close
            loop.close()
            SEEN.append(asyncmock_clock.now - start)

        @pytest.mark.asyncmock_virtual_time
        async def test_the_test_sees_the_time_its_fixtures_spent(server, asyncmock_clock):
            assert asyncmock_clock.now - server == 3600
            await asyncio.sleep(60)

        def test_the_tear_down_ran_in_virtual_time_too():
            assert SEEN == [3600 + 60 + 3600]
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(passed=2)


def test_the_suite_switch_puts_every_async_test_in_virtual_time_and_the_marker_opts_one_out(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_switch="""
        import asyncio
        import pytest

        async def test_in_virtual_time():
            loop = asyncio.get_event_loop()
            start = loop.time()
            await asyncio.sleep(3600)
            assert loop.time() - start == 3600

        @pytest.mark.asyncmock_virtual_time(False)
        async def test_opted_out():
            assert "time" not in vars(asyncio.get_event_loop())

        def test_a_sync_test_is_left_alone():
            loop = asyncio.new_event_loop()
            loop.run_until_complete(asyncio.sleep(0))
            assert "time" not in vars(loop)
            loop.close()
    """)
    for switch in (["--asyncmock-virtual-time"], ["-o", "asyncmock_virtual_time=true"]):
        result = pytester.runpytest_inprocess(*plugin_args(pytester), *switch)
        result.assert_outcomes(passed=3)


def test_the_system_clocks_switch_and_marker_keyword(pytester):
    pytester.makeconftest(RUNNER)
    pytester.makepyfile(test_clocks="""
        import asyncio
        import time
        import pytest

        @pytest.mark.asyncmock_virtual_time(system_clocks=True)
        async def test_by_marker(asyncmock_clock):
            assert time.monotonic() == asyncmock_clock.now

        @pytest.mark.asyncmock_virtual_time
        async def test_by_option(asyncmock_clock):
            assert time.monotonic() == asyncmock_clock.now
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester), "--asyncmock-system-clocks")
    result.assert_outcomes(passed=2)


def test_a_marker_keyword_virtual_time_refuses_is_the_tests_error(pytester):
    pytester.makepyfile(test_bad="""
        import pytest

        @pytest.mark.asyncmock_virtual_time(io_timeout=-1)
        def test_bad():
            pass

        @pytest.mark.asyncmock_virtual_time(sytem_clocks=True)
        def test_typo():
            pass
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines([
        "*@pytest.mark.asyncmock_virtual_time: virtual_time() io_timeout must be >= 0 seconds; got -1*",
        "*@pytest.mark.asyncmock_virtual_time: virtual_time() got an unexpected keyword argument 'sytem_clocks'*",
    ])


def test_the_clock_fixture_asked_for_too_late_says_how_to_ask(pytester):
    pytester.makepyfile(test_late="""
        def test_late(request):
            request.getfixturevalue("asyncmock_clock")
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*asyncmock_clock is set up before the test starts: name it as an argument*"])


def test_an_async_test_whose_runner_virtual_time_cannot_reach_fails_saying_so(pytester):
    pytester.makeconftest("""
        import asyncio
        import inspect
        import threading
        import pytest

        @pytest.hookimpl(tryfirst=True)
        def pytest_pyfunc_call(pyfuncitem):
            if inspect.iscoroutinefunction(pyfuncitem.obj):
                def in_thread():  # a runner whose loop lives in another thread
                    loop = asyncio.new_event_loop()
                    loop.run_until_complete(pyfuncitem.obj())
                    loop.close()
                runner = threading.Thread(target=in_thread)
                runner.start()
                runner.join()
                return True
    """)
    pytester.makepyfile(test_elsewhere="""
        import asyncio

        async def test_sleeps():
            await asyncio.sleep(0)
    """)
    result = pytester.runpytest_inprocess(*plugin_args(pytester), "--asyncmock-virtual-time")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*asyncmock virtual time: this async test ran on no event loop that asyncmock*"])
    result = pytester.runpytest_inprocess(*plugin_args(pytester))
    result.assert_outcomes(passed=1)  # without virtual time, nothing to say
