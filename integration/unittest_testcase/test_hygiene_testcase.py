"""Strict mode's hygiene gate for ``IsolatedAsyncioTestCase``: under pytest, and with @strict_mode outside it."""
import asyncio
import unittest

from _bases import BASES
from asyncmock import strict_mode

pytest_plugins = ["pytester"]


def test_under_pytest_a_leaked_task_is_an_error_of_its_test(pytester):
    pytester.makepyfile(test_case="""
        import asyncio
        import unittest

        class Case(getattr(unittest, "IsolatedAsyncioTestCase", None) or __import__("asyncmock").IsolatedAsyncioTestCase):
            async def test_leaks(self):
                asyncio.ensure_future(asyncio.sleep(3600))
                await asyncio.sleep(0)

            async def test_is_clean(self):
                await asyncio.sleep(0)
    """)
    result = pytester.runpytest_subprocess("--asyncmock-strict")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of Case.test_leaks*"])


def test_strict_mode_fails_a_lost_exception_outside_pytest_under_each_base():
    async def fail():
        raise ValueError("lost")

    for base in BASES.values():
        @strict_mode
        class Case(base):
            async def test_loses_an_exception(self):
                asyncio.ensure_future(fail())
                await asyncio.sleep(0)
                await asyncio.sleep(0)

            async def test_is_clean(self):
                await asyncio.sleep(0)

        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
        assert [test._testMethodName for test, _ in result.failures] == ["test_loses_an_exception"]
