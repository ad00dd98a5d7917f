"""Virtual time under anyio's plugin: asyncio's loop, and trio with a MockClock."""
import anyio
import pytest

from asyncmock import AsyncMock

HOUR = 3600.0

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook:RuntimeWarning"),
]


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request):
    """Under trio, virtual time drives the run's MockClock, which anyio passes to trio.run."""
    if request.param == "trio":
        import trio.testing  # here: trio 0.21 warns on import once pytest has loaded exceptiongroup

        return "trio", {"clock": trio.testing.MockClock()}
    return request.param


async def test_an_anyio_timeout_fires_at_its_virtual_deadline(asyncmock_clock):
    start = asyncmock_clock.now
    with anyio.move_on_after(HOUR) as scope:
        await anyio.sleep(2 * HOUR)
    assert scope.cancel_called
    assert asyncmock_clock.now - start == HOUR


@pytest.mark.asyncmock_virtual_time
async def test_await_delay_is_virtual_on_each_backend():
    slow = AsyncMock(await_delay=HOUR, return_value="late")
    start = anyio.current_time()
    assert await slow() == "late"
    assert anyio.current_time() - start == HOUR
