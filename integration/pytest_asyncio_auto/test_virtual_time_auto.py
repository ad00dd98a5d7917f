"""Virtual time under pytest-asyncio's auto mode: the marker alone is enough."""
import asyncio

import pytest

HOUR = 3600.0


@pytest.mark.asyncmock_virtual_time
async def test_an_hour_of_backoff_in_virtual_time(asyncmock_clock):
    start = asyncmock_clock.now
    delay = 1.0
    while asyncmock_clock.now - start < HOUR:
        await asyncio.sleep(delay)
        delay *= 2
    assert asyncmock_clock.now - start == 4095
