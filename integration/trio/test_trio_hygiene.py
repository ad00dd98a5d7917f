"""Strict mode's hygiene gate under trio: a coroutine never awaited fails its test; tasks live in nurseries."""
pytest_plugins = ["pytester"]


def test_a_coroutine_never_awaited_under_trio_fails_its_test(pytester):
    pytester.makepyfile(test_trio_run="""
        import trio

        async def checkpoint():
            await trio.sleep(0)

        def test_forgets_an_await():
            async def main():
                checkpoint()
            trio.run(main)

        def test_awaits():
            async def main():
                await checkpoint()
            trio.run(main)
    """)
    result = pytester.runpytest_subprocess("--asyncmock-strict", "-W", "ignore::RuntimeWarning")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*[[]coroutines] coroutine *checkpoint' was never awaited*"])
