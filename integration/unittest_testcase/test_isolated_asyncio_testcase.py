"""asyncmock in ``IsolatedAsyncioTestCase`` tests, the unittest pattern.

The test cases come from mixins, once per TestCase base that exists on this
interpreter (see _bases.py); the functions at the end run a TestCase by hand
to check what unittest reports.
"""
import unittest

import pytest

import orders
from _bases import BASES, for_each_base
from asyncmock import AsyncMagicMock, AsyncMock, call, patch


class _OrderTests:
    async def asyncSetUp(self):
        self.warehouse = AsyncMagicMock(spec=orders.Warehouse)
        self.warehouse.__aenter__.return_value = self.warehouse
        self.warehouse.reserve.return_value = "reservation-1"
        patcher = patch("orders.connect", return_value=self.warehouse)
        patcher.start()
        self.addCleanup(patcher.stop)

    async def asyncTearDown(self):
        # Every ``async with`` the test made was left again.
        assert self.warehouse.__aexit__.await_count == self.warehouse.__aenter__.await_count

    @patch("orders.audit", new_callable=AsyncMock)
    async def test_mock_from_async_set_up_serves_the_async_with(self, audit):
        assert await orders.place_order("apple", 2) == "reservation-1"
        self.warehouse.reserve.assert_awaited_once_with("apple", 2)
        audit.assert_awaited_once_with("order", sku="apple", quantity=2)

    async def test_patch_as_a_context_manager_in_an_async_test(self):
        with patch("orders.audit") as audit:
            await orders.place_order("pear", 1)
        assert isinstance(audit, AsyncMock)
        audit.assert_awaited_once_with("order", sku="pear", quantity=1)

    async def test_side_effect_exception_with_assert_raises(self):
        self.warehouse.reserve.side_effect = ConnectionError("refused")
        with self.assertRaises(ConnectionError):
            await orders.place_order("plum", 1)
        self.warehouse.__aexit__.assert_awaited_once()

    @patch("orders.audit", new_callable=AsyncMock)
    async def test_return_value_none_takes_the_unavailable_path(self, audit):
        self.warehouse.reserve.return_value = None
        with self.assertRaises(orders.Unavailable):
            await orders.place_order("fig", 9)
        audit.assert_not_awaited()


globals().update(for_each_base(_OrderTests))


def _run(case_class):
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(case_class).run(result)
    return result


@pytest.mark.parametrize("base", list(BASES.values()), ids=list(BASES))
def test_each_phase_awaits_the_mock_in_order(base):
    record = AsyncMock()

    class Case(base):
        async def asyncSetUp(self):
            await record("setUp")
            self.addAsyncCleanup(record, "cleanup")

        async def test_it(self):
            await record("test")

        async def asyncTearDown(self):
            await record("tearDown")

    assert _run(Case).wasSuccessful()
    assert record.await_args_list == [call("setUp"), call("test"), call("tearDown"), call("cleanup")]


@pytest.mark.parametrize("base", list(BASES.values()), ids=list(BASES))
def test_failed_await_assertion_is_reported_as_a_failure(base):
    class Case(base):
        async def test_it(self):
            AsyncMock(name="fetch").assert_awaited_once()

    result = _run(Case)
    assert (len(result.failures), len(result.errors)) == (1, 0)
    assert "Expected fetch to have been awaited once. Awaited 0 times." in result.failures[0][1]
