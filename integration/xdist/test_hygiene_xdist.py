"""Strict mode's report-only summary adds up what every xdist worker found."""
pytest_plugins = ["pytester"]


def test_the_report_only_summary_adds_up_every_worker(pytester):
    pytester.makepyfile(**{
        "test_part_%d" % part: """
            async def commit():
                pass

            def test_forgets_an_await_%d():
                commit()

            def test_clean_%d():
                pass
        """ % (part, part) for part in range(4)
    })
    result = pytester.runpytest_subprocess("-n", "2", "-p", "xdist", "-o", "asyncmock_strict=warn", "-W", "ignore::RuntimeWarning")
    result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(["*asyncmock strict mode (report only)*", "coroutines*4", "tests with the most:"])
    result.stdout.fnmatch_lines_random(["*1  test_part_%d.py::test_forgets_an_await_%d" % (part, part) for part in range(4)])
