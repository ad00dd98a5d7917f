"""Strict mode's hygiene gate under anyio: a task left running on asyncio fails its test; trio has none to leave."""
pytest_plugins = ["pytester"]


def test_a_task_left_running_fails_its_test_on_asyncio_and_trio_has_no_such_thing(pytester):
    pytester.makepyfile(test_leaky="""
        import asyncio
        import pytest

        pytestmark = pytest.mark.filterwarnings("ignore:You seem to already have a custom sys.excepthook")

        @pytest.fixture(params=["asyncio", "trio"])
        def anyio_backend(request):
            return request.param

        @pytest.mark.anyio
        async def test_leaks(anyio_backend):
            if anyio_backend == "asyncio":
                asyncio.ensure_future(asyncio.sleep(3600))
                await asyncio.sleep(0)
    """)
    result = pytester.runpytest_subprocess("--asyncmock-strict")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_leaks[[]asyncio]*", "*[[]tasks] task*was still running*"])
