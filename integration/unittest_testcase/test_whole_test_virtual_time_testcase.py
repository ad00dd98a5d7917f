"""``@virtual_time`` on an ``IsolatedAsyncioTestCase`` class: set-up, tear-down and cleanups in virtual time.

The same holds run by unittest itself, outside pytest (the last test).
"""
import asyncio
import unittest

from _bases import for_each_base
from asyncmock import virtual_time

HOUR = 3600.0


class _SlowFixtures:
    """asyncSetUp waits an hour; the test sees it; tear-down and a cleanup wait an hour each."""

    seen = []

    async def asyncSetUp(self):
        self.loop = asyncio.get_event_loop()
        self.start = self.loop.time()
        await asyncio.sleep(HOUR)
        self.addAsyncCleanup(self.close)

    async def close(self):
        await asyncio.sleep(HOUR)
        type(self).seen.append(self.loop.time() - self.start)

    async def asyncTearDown(self):
        await asyncio.sleep(HOUR)

    async def test_the_test_sees_the_hour_its_set_up_took(self):
        self.assertEqual(self.loop.time() - self.start, HOUR)


globals().update({name: virtual_time(case) for name, case in for_each_base(_SlowFixtures).items()})


class TestOutsidePytest(unittest.TestCase):
    def test_unittest_runs_a_decorated_case_in_virtual_time(self):
        for case in for_each_base(_SlowFixtures).values():
            case.seen = []
            result = unittest.TestResult()
            unittest.defaultTestLoader.loadTestsFromTestCase(virtual_time(case)).run(result)
            self.assertEqual(result.errors + result.failures, [])
            self.assertEqual(case.seen, [3 * HOUR])
