"""The test infrastructure works: the plugin-free async runner and the matrix.

conftest.py and _support.py run ``async def`` tests; scripts/matrix.py, the
one test command, reads pytest's results and the requirements files.
"""
import asyncio
import importlib.util
import re

import pytest

from _support import SOURCE_ROOT, is_coroutine_function_asyncio, run


def _running_loop():
    # asyncio.get_running_loop is 3.7+; 3.6 only has the underscore version.
    getter = getattr(asyncio, "get_running_loop", None) or asyncio._get_running_loop
    return getter()


async def _current_loop():
    await asyncio.sleep(0)
    return _running_loop()


@pytest.fixture
def body_ran():
    """A list the async test appends to; teardown fails if the body never ran."""
    marks = []
    yield marks
    assert marks == ["ran"], "the async test body was not run to completion"


async def test_async_test_body_runs_to_completion_with_fixtures(body_ran):
    await asyncio.sleep(0)
    body_ran.append("ran")


def test_run_returns_the_awaited_result():
    async def answer():
        await asyncio.sleep(0)
        return 42

    assert run(answer()) == 42


def test_run_uses_a_new_loop_per_call_and_closes_it():
    first = run(_current_loop())
    second = run(_current_loop())
    assert first is not second and first.is_closed() and second.is_closed()


def test_run_cancels_tasks_the_coroutine_left_pending():
    async def sleep_forever():
        await asyncio.sleep(3600)

    async def spawn():
        task = asyncio.ensure_future(sleep_forever())
        await asyncio.sleep(0)
        return task

    assert run(spawn()).cancelled()


def test_is_coroutine_function_asyncio_recognises_async_def():
    async def coroutine_function():
        pass

    assert is_coroutine_function_asyncio(coroutine_function)


def test_is_coroutine_function_asyncio_rejects_plain_functions():
    assert not is_coroutine_function_asyncio(lambda: None)


def _load_matrix():
    spec = importlib.util.spec_from_file_location("matrix", str(SOURCE_ROOT / "scripts" / "matrix.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


matrix = _load_matrix()


def test_matrix_counts_the_framed_closing_line_not_a_nested_run():
    log = "\n".join([
        "3 failed, 9 passed in 0.50s",  # printed by a pytest run inside a test
        "==== 1 failed, 20 passed, 2 errors in 1.20s ====",
    ])
    assert matrix.count(log) == (20, 3)


def test_matrix_counts_nothing_when_pytest_ran_no_test():
    assert matrix.count("==== no tests ran in 0.01s ====") == (0, 0)


def test_matrix_reads_requirements_through_their_includes():
    auto = SOURCE_ROOT / "integration" / "pytest_asyncio_auto" / "requirements.txt"
    names = [(p.parent.name, p.name) for p in matrix.requirement_files(auto)]
    assert names == [("pytest_asyncio_auto", "requirements.txt"), ("pytest_asyncio_strict", "requirements.txt"),
                     ("requirements", "pytest.txt")]


@pytest.mark.parametrize("group", sorted(set(matrix.GROUPS) - {"conformance", "real-world"}))
def test_every_matrix_group_has_test_files(group):  # those two run upstream's and real projects' suites
    assert matrix.has_tests(matrix.test_dirs(group))


def _pins(path):
    """(package, marker) for each requirement line of *path* and its includes."""
    pins = []
    for file in matrix.requirement_files(path):
        for line in file.read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-"):
                requirement, _, marker = line.partition(";")
                assert "==" in requirement, "unpinned: " + line
                pins.append((requirement.split("==")[0].strip().lower(), marker.strip()))
    return pins


def _applies(marker, version):
    """Evaluate the ``python_version <op> "X.Y"`` markers these files use."""
    if not marker:
        return True
    match = re.fullmatch(r'python_version\s*(<|<=|==|>=|>)\s*"(\d+)\.(\d+)"', marker)
    assert match, "unexpected marker: " + marker
    op, bound = match.group(1), (int(match.group(2)), int(match.group(3)))
    return {"<": version < bound, "<=": version <= bound, "==": version == bound,
            ">=": version >= bound, ">": version > bound}[op]


@pytest.mark.parametrize("group", sorted(matrix.GROUPS))
def test_every_package_is_pinned_once_for_each_interpreter_of_its_group(group):
    pins = _pins(matrix.GROUPS[group].requirements)
    # PyPy's language version is Debian's choice; the markers treat it like the
    # CPython of that version, which is checked here.
    for python in [p for p in matrix.GROUPS[group].pythons if p not in matrix.PYPYS]:
        version = tuple(int(part) for part in python.split("."))
        for package in sorted({name for name, _ in pins}):
            matching = [marker for name, marker in pins if name == package and _applies(marker, version)]
            assert len(matching) == 1, (package, python, matching)



real_world = matrix.real_world


@pytest.mark.parametrize("project", real_world.PROJECTS, ids=lambda project: project.name)
def test_every_real_world_project_pins_each_package_once_for_each_of_its_interpreters(project):
    pins = _pins(project.requirements)
    for python in project.pythons:
        version = tuple(int(part) for part in python.split("."))
        for package in sorted({name for name, _ in pins}):
            matching = [marker for name, marker in pins if name == package and _applies(marker, version)]
            assert len(matching) == 1, (package, python, matching)


def _run(outcomes, mocks="stdlib", broken=""):
    return real_world.Run(1.0, outcomes, mocks, broken)


def test_real_world_counts_a_regression_only_for_a_test_that_passes_with_the_stdlib():
    baseline = _run({"a": ("passed", ""), "b": ("failed", "boom"), "c": ("passed", ""), "d": ("passed", "")})
    switch = _run({"a": ("passed", ""), "b": ("failed", "boom"), "c": ("error", "E: x")}, mocks="asyncmock")
    outcome = real_world.Outcome("p", "3.12", [baseline], [switch])
    assert outcome.regressions == {"c": "error: E: x", "d": "missing: not reported"}
    assert outcome.problems == []


def test_real_world_fails_a_switch_run_that_got_the_stdlib_mocks_or_broke():
    baseline = _run({"a": ("passed", "")})
    outcome = real_world.Outcome("p", "3.12", [baseline], [_run({"a": ("passed", "")}), _run({}, broken="exit 4")])
    assert outcome.regressions == {}
    assert outcome.problems == ["the switch run broke: exit 4", "the switch run got stdlib mocks"]


def test_real_world_reads_junit_outcomes_keeping_the_worst_of_a_test(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(
        '<testsuites><testsuite>'
        '<testcase classname="tests.test_a.TestA" name="test_ok"/>'
        '<testcase classname="tests.test_a.TestA" name="test_bad"><failure message="assert 1 == 2&#10;more"/>'
        '<error message="teardown"/></testcase>'
        '<testcase classname="tests.test_a" name="test_skip"><skipped message="no"/></testcase>'
        '</testsuite></testsuites>')
    assert real_world.parse_junit(report) == {
        "tests.test_a.TestA::test_ok": ("passed", ""),
        "tests.test_a.TestA::test_bad": ("error", "teardown"),
        "tests.test_a::test_skip": ("skipped", "no"),
    }
