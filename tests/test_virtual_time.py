"""Virtual time on asyncio: timers jump, real I/O still completes, the loop is restored.

Every assertion is on the virtual clock: hours of virtual time in a test
that takes milliseconds are what the suite's own run time shows.
"""
import asyncio
import socket
import subprocess
import sys
import threading
import time

import pytest

from asyncmock import AsyncMock, VirtualClock, call, virtual_time
from _support import run

pytest_plugins = ["pytester"]

HOUR = 3600.0


async def test_sleep_of_an_hour_advances_the_loop_clock_by_exactly_an_hour():
    loop = asyncio.get_event_loop()
    async with virtual_time() as clock:
        start = clock.now
        await asyncio.sleep(HOUR)
        assert clock.now - start == HOUR
        assert loop.time() == clock.now


async def test_wait_for_times_out_at_its_virtual_deadline():
    async with virtual_time() as clock:
        start = clock.now
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.sleep(HOUR), 30)
        assert clock.now - start == 30


async def test_timers_fire_in_the_order_real_time_would_give():
    fired = []

    async def after(delay, label):
        await asyncio.sleep(delay)
        fired.append((label, clock.now - start))

    async with virtual_time() as clock:
        start = clock.now
        tasks = [asyncio.ensure_future(after(delay, label))
                 for delay, label in ((30, "c"), (10, "a"), (20, "b"), (10, "a2"))]
        await asyncio.wait(tasks)
    assert fired == [("a", 10), ("a2", 10), ("b", 20), ("c", 30)]


async def test_retries_with_exponential_backoff_take_their_virtual_delays():
    fetch = AsyncMock(side_effect=[ConnectionError, ConnectionError, ConnectionError, "page"])
    attempts = []

    async def get_with_retries():
        delay = 1.0
        while True:
            attempts.append(clock.now - start)
            try:
                return await fetch("/a")
            except ConnectionError:
                await asyncio.sleep(delay)
                delay *= 2

    async with virtual_time() as clock:
        start = clock.now
        assert await get_with_retries() == "page"
    assert attempts == [0, 1, 3, 7]
    assert fetch.await_args_list == [call("/a")] * 4


async def test_await_delay_and_wait_until_awaited_timeout_are_virtual():
    slow = AsyncMock(await_delay=30)
    idle = AsyncMock(wait_timeout=HOUR)
    async with virtual_time() as clock:
        start = clock.now
        await slow()
        assert clock.now - start == 30
        with pytest.raises(AssertionError, match="within 3600"):
            await idle.wait_until_awaited()
        assert clock.now - start == 30 + HOUR


async def _two_loop_turns():
    """One turn moves the due timers to the ready queue behind us; the next runs them."""
    await asyncio.sleep(0)
    await asyncio.sleep(0)


async def test_advance_moves_time_on_by_hand_and_the_timers_now_due_run_on_the_loop():
    fired = []
    async with virtual_time() as clock:
        start = clock.now
        asyncio.get_event_loop().call_later(60, fired.append, "due")
        clock.advance(59.5)
        await _two_loop_turns()
        assert fired == []
        clock.advance(0.5)
        await _two_loop_turns()
        assert fired == ["due"]
        assert clock.now - start == 60


async def test_data_ready_on_a_socket_is_read_before_a_timer_fires():
    loop = asyncio.get_event_loop()
    left, right = socket.socketpair()
    try:
        reader, writer = await asyncio.open_connection(sock=left)
        async with virtual_time() as clock:
            start = clock.now
            right.sendall(b"ready\n")
            assert await asyncio.wait_for(reader.readline(), 30) == b"ready\n"
            assert clock.now == start
            with pytest.raises(asyncio.TimeoutError):  # nothing more comes: the timer fires
                await asyncio.wait_for(reader.readline(), 0.2)
            assert clock.now - start == pytest.approx(0.2)
        writer.close()
    finally:
        right.close()
    assert abs(loop.time() - time.monotonic()) < 60  # real time again


async def test_a_socket_that_becomes_ready_later_is_not_skipped_over():
    left, right = socket.socketpair()
    sender = threading.Thread(target=_send_later, args=(right, b"late\n"))
    try:
        reader, writer = await asyncio.open_connection(sock=left)
        async with virtual_time() as clock:
            start = clock.now
            sender.start()
            assert await asyncio.wait_for(reader.readline(), 30) == b"late\n"
            assert clock.now == start
        writer.close()
    finally:
        sender.join()
        right.close()


def _send_later(sock, data):
    time.sleep(0.1)
    sock.sendall(data)


async def test_output_a_subprocess_writes_later_is_read_before_its_virtual_timeout():
    loop = asyncio.get_event_loop()
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(0.2); print('done')"], stdout=subprocess.PIPE,
    )
    try:
        reader = asyncio.StreamReader()
        transport, _ = await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), child.stdout)
        async with virtual_time() as clock:
            start = clock.now
            assert await asyncio.wait_for(reader.readline(), 30) == b"done\n"
            assert clock.now == start
        transport.close()
    finally:
        child.wait()


@pytest.mark.skipif(sys.version_info < (3, 8), reason=(
    "asyncio subprocesses on 3.6/3.7 need a child watcher attached through the loop policy, "
    "which this suite never uses"))
async def test_an_asyncio_subprocess_that_takes_real_time_completes_before_its_virtual_timeout():
    async with virtual_time() as clock:
        start = clock.now
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "import time; time.sleep(0.2); print('done')",
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await asyncio.wait_for(process.communicate(), 30)
        assert out.strip() == b"done"
        waiting = await asyncio.create_subprocess_exec(sys.executable, "-c", "import time; time.sleep(0.2)")
        assert await asyncio.wait_for(waiting.wait(), 30) == 0
        shell = await asyncio.create_subprocess_shell("sleep 0.2; echo shell", stdout=asyncio.subprocess.PIPE)
        out, _ = await asyncio.wait_for(shell.communicate(), 30)
        assert out.strip() == b"shell"
        assert clock.now - start < 30


async def test_an_executor_call_completes_before_its_virtual_timeout():
    loop = asyncio.get_event_loop()
    async with virtual_time() as clock:
        start = clock.now
        await asyncio.wait_for(loop.run_in_executor(None, time.sleep, 0.2), 30)
        assert clock.now - start < 30


async def test_with_no_timer_at_all_the_loop_waits_for_real_and_the_clock_stands_still():
    loop = asyncio.get_event_loop()
    async with virtual_time() as clock:
        start = clock.now
        await loop.run_in_executor(None, time.sleep, 0.05)  # no timeout: nothing to jump to
        assert clock.now == start
        assert repr(clock) == "<VirtualClock now=%r>" % (start,)


async def test_io_timeout_bounds_the_real_wait_for_io_that_never_comes():
    left, right = socket.socketpair()
    try:
        reader, writer = await asyncio.open_connection(sock=left)
        async with virtual_time(io_timeout=0) as clock:
            start = clock.now
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(reader.readline(), HOUR)
            assert clock.now - start == HOUR
        writer.close()
    finally:
        right.close()


def test_the_loop_is_restored_on_exit_even_after_an_error():
    loop = asyncio.new_event_loop()
    selector = loop._selector

    async def fails():
        async with virtual_time():
            await asyncio.sleep(HOUR)
            raise KeyError("boom")

    try:
        with pytest.raises(KeyError):
            loop.run_until_complete(fails())
        for name in ("time", "run_in_executor", "subprocess_exec", "subprocess_shell"):
            assert name not in vars(loop)
        assert "select" not in vars(selector)
        assert abs(loop.time() - time.monotonic()) < 60
    finally:
        loop.close()


def test_a_time_function_already_set_on_the_loop_is_put_back():
    loop = asyncio.new_event_loop()
    loop.time = lambda: 1000.0  # a test's own fake clock, say

    async def main():
        async with virtual_time() as clock:
            assert clock.now == 1000.0
            await asyncio.sleep(HOUR)
            assert clock.now == 1000.0 + HOUR

    try:
        loop.run_until_complete(main())
        assert loop.time() == 1000.0
    finally:
        del loop.time
        loop.close()


def test_virtual_time_starts_on_a_whole_second_so_whole_second_delays_add_up_exactly():
    loop = asyncio.new_event_loop()
    loop.time = lambda: 9589.519174926  # where 9589.519174926 + 7200 - 9589.519174926 != 7200

    async def main():
        async with virtual_time() as clock:
            start = clock.now
            await asyncio.sleep(2 * HOUR)
            return start, clock.now - start

    try:
        assert loop.run_until_complete(main()) == (9590.0, 2 * HOUR)
    finally:
        del loop.time
        loop.close()


def test_a_loop_without_a_selector_is_refused_by_name():
    from asyncmock._virtual_clock import AsyncioDriver as _AsyncioDriver

    class NotASelectorLoop:
        def __repr__(self):
            return "<NotASelectorLoop>"

    with pytest.raises(RuntimeError, match="needs an asyncio selector event loop; the running loop is <NotASelectorLoop>"):
        _AsyncioDriver(NotASelectorLoop(), 1.0)


def test_one_clock_cannot_drive_two_loops_at_once():
    clock = VirtualClock()
    errors = []

    def other_loop():
        async def main():
            async with virtual_time(clock=clock):
                pass  # pragma: no cover - refused on entry
        try:
            run(main())
        except RuntimeError as error:
            errors.append(str(error))

    async def main():
        async with virtual_time(clock=clock):
            thread = threading.Thread(target=other_loop)
            thread.start()
            thread.join()

    run(main())
    assert errors == ["this clock is already in use by another loop's virtual time"]


async def test_nested_virtual_time_shares_the_outer_clock():
    async with virtual_time() as outer:
        async with virtual_time() as inner:
            assert inner is outer
            await asyncio.sleep(10)
        assert asyncio.get_event_loop().time() == outer.now  # the inner exit restored nothing
        await asyncio.sleep(10)


async def test_a_timer_set_before_virtual_time_fires_at_its_real_due_time_in_the_virtual_clock():
    loop = asyncio.get_event_loop()
    fired = []
    loop.call_later(5, fired.append, "set before")
    async with virtual_time() as clock:
        await asyncio.sleep(10)
    assert fired == ["set before"]


class TestDecorating:
    def test_virtual_time_decorates_an_async_def_with_or_without_arguments(self):
        @virtual_time
        async def bare():
            loop = asyncio.get_event_loop()
            start = loop.time()
            await asyncio.sleep(HOUR)
            return loop.time() - start

        @virtual_time(io_timeout=None)
        async def called():
            return await bare()

        assert run(bare()) == HOUR
        assert run(called()) == HOUR
        assert bare.__name__ == "bare"

    def test_a_clock_given_to_the_decorator_reads_the_decorated_run(self):
        clock = VirtualClock()
        seen = []

        @virtual_time(clock=clock)
        async def sleeper():
            start = clock.now
            await asyncio.sleep(90)
            seen.append(clock.now - start)

        run(sleeper())
        assert seen == [90]
        assert repr(clock) == "<VirtualClock (not in use)>"


class TestBadInput:
    def test_a_clock_read_outside_virtual_time_says_it_is_not_in_use(self):
        with pytest.raises(RuntimeError, match="this clock is not in use"):
            VirtualClock().now

    def test_advance_refuses_negative_or_non_numbers_as_await_delay_does(self):
        async def bad(value, error, message):
            async with virtual_time() as clock:
                start = clock.now
                with pytest.raises(error, match=message):
                    clock.advance(value)
                assert clock.now == start

        for value in ("1", None, True):
            run(bad(value, TypeError, r"advance\(\) seconds must be a number of seconds; got %r" % (value,)))
        for value in (-1, float("nan")):
            run(bad(value, ValueError, r"advance\(\) seconds must be >= 0 seconds; got %r" % (value,)))

    def test_io_timeout_and_clock_and_decorated_functions_are_checked(self):
        with pytest.raises(ValueError, match=r"virtual_time\(\) io_timeout must be >= 0 seconds; got -1"):
            virtual_time(io_timeout=-1)
        with pytest.raises(TypeError, match=r"virtual_time\(\) io_timeout must be a number of seconds or None; got '1'"):
            virtual_time(io_timeout="1")
        with pytest.raises(TypeError, match=r"virtual_time\(\) clock must be a VirtualClock; got 3"):
            virtual_time(clock=3)
        for value in (3, int):
            with pytest.raises(
                TypeError,
                match=r"virtual_time\(\) decorates an async def, a function or a unittest.TestCase class; "
                r"its argument must be one; got ",
            ):
                virtual_time(value)
        with pytest.raises(TypeError, match=r"virtual_time\(\) system_clocks must be True or False; got 'yes'"):
            virtual_time(system_clocks="yes")

    def test_outside_a_running_loop_it_says_so(self):
        manager = virtual_time()
        with pytest.raises(RuntimeError, match="no running event loop"):
            manager.__aenter__().send(None)


class TestPytestPlugin:
    @pytest.mark.asyncmock_virtual_time
    async def test_the_marker_runs_the_test_in_virtual_time(self):
        loop = asyncio.get_event_loop()
        start = loop.time()
        await asyncio.sleep(HOUR)
        assert loop.time() - start == HOUR

    async def test_the_fixture_runs_the_test_in_virtual_time_and_gives_its_clock(self, asyncmock_clock):
        start = asyncmock_clock.now
        await asyncio.sleep(2 * HOUR)
        assert asyncmock_clock.now - start == 2 * HOUR
        assert asyncio.get_event_loop().time() == asyncmock_clock.now

    @pytest.mark.asyncmock_virtual_time(io_timeout=0)
    async def test_the_marker_passes_its_keywords_on(self, asyncmock_clock):
        left, right = socket.socketpair()
        try:
            reader, writer = await asyncio.open_connection(sock=left)
            start = asyncmock_clock.now
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(reader.readline(), HOUR)  # io_timeout=0: no real wait
            assert asyncmock_clock.now - start == HOUR
            writer.close()
        finally:
            right.close()

    def test_the_marker_on_a_sync_test_or_a_unittest_case_puts_the_loops_they_run_in_virtual_time(
        self, pytester, pytestconfig,
    ):
        pytester.makepyfile(test_sync="""
            import asyncio
            import unittest
            import pytest

            async def hour():
                loop = asyncio.get_event_loop()
                start = loop.time()
                await asyncio.sleep(3600)
                return loop.time() - start

            def run(coroutine):
                loop = asyncio.new_event_loop()
                try:
                    return loop.run_until_complete(coroutine)
                finally:
                    loop.close()

            @pytest.mark.asyncmock_virtual_time
            def test_sync():
                assert run(hour()) == 3600

            class Case(unittest.TestCase):
                @pytest.mark.asyncmock_virtual_time
                def test_method(self):
                    self.assertEqual(run(hour()), 3600)
        """)
        plugin = [] if pytestconfig.pluginmanager.hasplugin("asyncmock") else ["-p", "asyncmock._pytest_plugin"]
        result = pytester.runpytest_inprocess(*plugin)
        result.assert_outcomes(passed=2)

