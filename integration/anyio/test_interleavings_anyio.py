"""Races explored under anyio's plugin, on asyncio and on trio: one item per backend and schedule."""
import anyio
import pytest

from asyncmock import AsyncMock

RUNS = []

pytestmark = pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook:RuntimeWarning")


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request):
    return request.param


@pytest.mark.anyio
@pytest.mark.asyncmock_interleavings(runs=10)
async def test_a_locked_cache_passes_every_schedule_on_each_backend(anyio_backend, asyncmock_interleaving):
    db, cache, lock = AsyncMock(), {}, anyio.Lock()

    async def get_user():
        async with lock:
            if 1 not in cache:
                cache[1] = await db.fetch(1)

    async with anyio.create_task_group() as group:
        group.start_soon(get_user)
        group.start_soon(get_user)
    db.fetch.assert_awaited_once()
    RUNS.append((anyio_backend, asyncmock_interleaving[0]))


def test_every_schedule_ran_on_both_backends():
    assert len(RUNS) == 20 and {backend for backend, _ in RUNS} == {"asyncio", "trio"}
