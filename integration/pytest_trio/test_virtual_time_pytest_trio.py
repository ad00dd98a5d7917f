"""A whole pytest-trio test in virtual time: its async fixtures' set-up and tear-down included."""
import pytest
import trio
import trio.testing

HOUR = 3600.0
TEAR_DOWNS = []

pytestmark = pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook:RuntimeWarning")


@pytest.fixture
async def slow_service():
    start = trio.current_time()
    await trio.sleep(HOUR)  # comes up after an hour
    yield start
    await trio.sleep(HOUR)  # and drains for an hour
    TEAR_DOWNS.append(trio.current_time() - start)


@pytest.mark.trio
@pytest.mark.asyncmock_virtual_time
async def test_the_fixture_set_up_is_in_virtual_time(slow_service, asyncmock_clock):
    assert trio.current_time() - slow_service == HOUR
    assert asyncmock_clock.now == trio.current_time()


def test_and_so_is_its_tear_down():
    assert TEAR_DOWNS == [2 * HOUR]


@pytest.mark.trio
async def test_the_clock_fixture_alone_is_enough(asyncmock_clock):
    start = asyncmock_clock.now
    with trio.move_on_after(30) as scope:
        await trio.sleep(HOUR)
    assert scope.cancelled_caught
    assert asyncmock_clock.now - start == 30


@pytest.mark.trio
@pytest.mark.asyncmock_virtual_time
async def test_pytest_trios_own_mock_clock_is_the_one_that_jumps(mock_clock, asyncmock_clock):
    assert trio.lowlevel.current_clock() is mock_clock
    start = asyncmock_clock.now
    await trio.sleep(HOUR)
    assert asyncmock_clock.now - start == HOUR
