"""How-to (docs/howto/background-workers.md): test work that happens in background tasks.

The code under test: an order processor whose worker task takes orders off
a queue, charges them and emails a receipt, and a heartbeat task that pings
a monitor every few seconds. The tests wait for the awaits they expect
instead of sleeping.
"""
import asyncio

import pytest
from asyncmock import AsyncMock, call


# [start code]
class PaymentDeclined(Exception):
    pass


class OrderProcessor:
    """Charges queued orders in a background task, one at a time."""

    def __init__(self, payments, mailer):
        self.payments = payments
        self.mailer = mailer
        self.queue = asyncio.Queue()
        self.worker = None

    def start(self):
        self.worker = asyncio.ensure_future(self._work())

    async def stop(self):
        self.worker.cancel()
        try:
            await self.worker
        except asyncio.CancelledError:
            pass

    def submit(self, order_id, amount):
        self.queue.put_nowait((order_id, amount))

    async def _work(self):
        while True:
            order_id, amount = await self.queue.get()
            try:
                await self.payments.charge(order_id, amount)
            except PaymentDeclined:
                await self.mailer.send(order_id, "Your payment was declined")
            else:
                await self.mailer.send(order_id, "Thank you for your order")


async def heartbeat(monitor, interval):
    """Ping the monitor every interval seconds, until cancelled."""
    while True:
        await monitor.ping()
        await asyncio.sleep(interval)
# [end code]


# [start fixtures]
@pytest.fixture(autouse=True)
def bounded_waits(monkeypatch):
    # Put this in conftest.py: no wait_until_* of any mock can hang the suite.
    monkeypatch.setattr(AsyncMock, "DEFAULT_TIMEOUT", 5)


@pytest.fixture
def payments():
    return AsyncMock()


@pytest.fixture
def mailer():
    return AsyncMock()


@pytest.fixture
async def processor(payments, mailer):
    processor = OrderProcessor(payments, mailer)
    processor.start()
    yield processor
    await processor.stop()
# [end fixtures]


# [start wait]
async def test_a_submitted_order_is_charged_and_confirmed(processor, payments, mailer):
    processor.submit("A-1", 4200)

    await mailer.send.wait_until_awaited()  # returns as soon as the worker sent it

    payments.charge.assert_awaited_once_with("A-1", 4200)
    mailer.send.assert_awaited_once_with("A-1", "Thank you for your order")
# [end wait]


# [start wait-count]
async def test_orders_are_charged_in_the_order_they_came(processor, payments):
    for number in range(1, 4):
        processor.submit("A-{}".format(number), 100 * number)

    await payments.charge.wait_until_awaited(count=3)

    assert payments.charge.await_args_list == [
        call("A-1", 100), call("A-2", 200), call("A-3", 300),
    ]
# [end wait-count]


# [start wait-with]
async def test_a_declined_payment_does_not_stop_the_worker(processor, payments, mailer):
    payments.charge.side_effect = [PaymentDeclined(), None]
    processor.submit("A-1", 100)
    processor.submit("A-2", 200)

    await mailer.send.wait_until_any_await_with("A-2", "Thank you for your order")

    mailer.send.assert_any_await("A-1", "Your payment was declined")
# [end wait-with]


# [start timeout]
async def test_a_wait_that_times_out_says_what_it_saw(processor, mailer):
    processor.submit("A-1", 100)

    with pytest.raises(AssertionError) as failure:
        await mailer.send.wait_until_awaited(count=2, timeout=0.1)

    message = str(failure.value)  # names the mock, then:
    assert "send was not awaited 2 times within 0.1 seconds" in message
    assert message.endswith("Awaits: [call('A-1', 'Thank you for your order')]")
# [end timeout]


# [start periodic]
async def test_the_heartbeat_pings_again_and_again():
    monitor = AsyncMock()
    task = asyncio.ensure_future(heartbeat(monitor, interval=0.01))

    await monitor.ping.wait_until_awaited(count=3)

    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert monitor.ping.await_count >= 3
# [end periodic]
