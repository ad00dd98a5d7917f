"""virtual_time() under trio: it drives the run's trio.testing.MockClock."""
import subprocess
import sys

import pytest
import trio
import trio.testing

from asyncmock import AsyncMock, virtual_time

HOUR = 3600.0


def test_virtual_time_makes_the_runs_mock_clock_jump_and_restores_its_threshold():
    mock_clock = trio.testing.MockClock()
    seen = []

    async def main():
        async with virtual_time() as clock:
            start = clock.now
            assert mock_clock.autojump_threshold == 0
            await trio.sleep(HOUR)
            with trio.move_on_after(30):
                await trio.sleep(HOUR)
            seen.append(clock.now - start)
            assert trio.current_time() == clock.now
        seen.append(mock_clock.autojump_threshold)

    trio.run(main, clock=mock_clock)
    assert seen == [HOUR + 30, float("inf")]


def test_await_delay_and_wait_timeouts_are_virtual_under_trio():
    slow = AsyncMock(await_delay=30)
    idle = AsyncMock(name="idle", wait_timeout=HOUR)

    async def main():
        async with virtual_time() as clock:
            start = clock.now
            await slow()
            with pytest.raises(AssertionError, match="idle was not awaited 1 time within 3600.0 seconds"):
                await idle.wait_until_awaited()
            return clock.now - start

    assert trio.run(main, clock=trio.testing.MockClock()) == 30 + HOUR


def test_advance_jumps_the_mock_clock_and_nested_uses_share_the_clock():
    async def main():
        async with virtual_time() as outer:
            start = outer.now
            async with virtual_time() as inner:
                assert inner is outer
                inner.advance(90)
            return outer.now - start

    assert trio.run(main, clock=trio.testing.MockClock()) == 90


def test_the_decorator_works_under_trio():
    @virtual_time
    async def backoff():
        start = trio.current_time()
        for delay in (1, 2, 4, 8):
            await trio.sleep(delay)
        return trio.current_time() - start

    assert trio.run(backoff, clock=trio.testing.MockClock()) == 15


def test_a_run_without_a_mock_clock_is_told_how_to_get_one():
    async def main():
        async with virtual_time():
            pass  # pragma: no cover - never entered

    with pytest.raises(RuntimeError, match=r"needs the run to use trio.testing.MockClock: "
                                           r"trio.run\(main, clock=trio.testing.MockClock\(\)\)"):
        trio.run(main)


def test_the_message_comes_even_where_trio_testing_was_never_imported():
    # In a fresh interpreter: this module's own import of trio.testing must not help.
    program = (
        "import trio, asyncmock\n"
        "async def main():\n"
        "    async with asyncmock.virtual_time():\n"
        "        pass\n"
        "try:\n"
        "    trio.run(main)\n"
        "except RuntimeError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("virtual_time() under trio needs the run to use trio.testing.MockClock")


# --- with virtual_time(): every trio run the thread starts ---------------------------

def test_a_trio_run_without_a_clock_gets_one_that_jumps():
    seen = []

    async def main():
        start = trio.current_time()
        await trio.sleep(HOUR)
        seen.append(trio.current_time() - start)

    with virtual_time() as clock:
        start = clock.now
        trio.run(main)
        trio.run(main)  # a second run goes on from the first one's time
        assert seen == [HOUR, HOUR]
        assert clock.now - start == 2 * HOUR


def test_a_mock_clock_given_to_a_run_in_virtual_time_jumps_and_is_put_back():
    mock_clock = trio.testing.MockClock()

    async def main():
        start = trio.current_time()
        await trio.sleep(HOUR)
        return trio.current_time() - start

    with virtual_time():
        assert trio.run(main, clock=mock_clock) == HOUR
        assert mock_clock.autojump_threshold == 0
    assert mock_clock.autojump_threshold == float("inf")


def test_a_run_in_virtual_time_with_a_clock_that_cannot_jump_is_refused():
    class WallClock(trio.abc.Clock):
        def start_clock(self):
            pass

        def current_time(self):
            return 0.0

        def deadline_to_sleep_time(self, deadline):
            return 0.0

    async def main():
        pass

    with virtual_time():
        with pytest.raises(RuntimeError, match="needs the run to use trio.testing.MockClock"):
            trio.run(main, clock=WallClock())


def test_a_clock_made_for_virtual_time_runs_at_real_speed_once_it_ends():
    made = []

    async def main():
        made.append(trio.lowlevel.current_clock())

    with virtual_time():
        trio.run(main)
    assert made[0].rate == 1.0 and made[0].autojump_threshold == float("inf")


def test_a_trio_run_of_another_thread_keeps_its_own_clock_while_one_thread_is_in_virtual_time():
    import threading

    clocks = []

    async def main():
        clocks.append(type(trio.lowlevel.current_clock()).__name__)

    with virtual_time():
        other = threading.Thread(target=trio.run, args=(main,))
        other.start()
        other.join()
        trio.run(main)
    assert clocks == ["SystemClock", "MockClock"]
