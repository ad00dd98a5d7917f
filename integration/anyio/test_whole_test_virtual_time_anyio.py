"""A whole anyio test in virtual time, fixtures included, on asyncio and on trio without a clock given."""
import anyio
import pytest

HOUR = 3600.0
TEAR_DOWNS = []

pytestmark = pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook:RuntimeWarning")


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request):
    """No clock for trio: virtual time gives the run a MockClock that jumps."""
    return request.param


@pytest.fixture
async def slow_resource():
    start = anyio.current_time()
    await anyio.sleep(HOUR)  # comes up slowly
    yield start
    await anyio.sleep(HOUR)  # and closes slowly
    TEAR_DOWNS.append(anyio.current_time() - start)


@pytest.mark.anyio
@pytest.mark.asyncmock_virtual_time
async def test_the_fixture_set_up_is_in_virtual_time_on_each_backend(slow_resource, asyncmock_clock):
    assert anyio.current_time() - slow_resource == HOUR
    assert anyio.current_time() == asyncmock_clock.now


def test_and_so_is_its_tear_down_on_each_backend():
    assert TEAR_DOWNS == [2 * HOUR, 2 * HOUR]
