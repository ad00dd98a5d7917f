#!/usr/bin/env python3
"""Run upstream's own unittest.mock test suites against asyncmock.

asyncmock claims to be a drop-in for ``unittest.mock``. This runner checks the
claim with the suites upstream wrote for it, read at run time from where they
are installed; nothing of them is copied into the repository:

* ``cpython-3.13``: CPython 3.13's ``test/test_unittest/testmock/``, from the
  3.13 interpreter's stdlib, on every interpreter;
* ``cpython-3.14``, ``cpython-3.15``: those versions' own suites (Debian's
  ``libpython3.X-testsuite``, in the sid chroot of scripts/interpreters.py),
  on their own interpreter only;
* ``mock-5.2``: the ``mock`` 5.2.0 backport's ``mock/tests/``, from its sdist
  (fetched with pip once, pinned by sha256, cached), on every interpreter.

Each suite is copied into a temporary directory, its imports are rewritten
there (the rules below), and it runs in a process of its own under plain
unittest: both suites are ``unittest.TestCase`` suites that upstream runs with
unittest (CPython's regrtest), so there is no pytest collection, assertion
rewriting, plugin or warning filter between the tests and the library. The
run fails on any failure that is not in DELIBERATE, and on any entry there
that passes (so the list stays short and true).

scripts/conformance_staging.py stages the suites in the cache (on the host);
scripts/conformance_suite.py runs one of them in its process (the layout, the
rewrite and the scaffolding below); this module judges what it records
against DELIBERATE, runs an interpreter's suites (``--suite``, the matrix's
way) and drives every interpreter from the checkout.

Rewrite rules. The rewritten imports name ``asyncmock_or_stdlib``, a module
object whose names are asyncmock's, and ``unittest.mock``'s for the names
asyncmock lacks (private ones such as ``_patch``, ``_Call``, ``_magics``,
``_get_target``, or ``CallableMixin``) unless they are in the newest
``unittest.mock.__all__`` (conformance_suite.PUBLIC: a missing
``ThreadingMock`` must show). asyncmock's own submodules (its ``_patch``,
``_core``...) are no names of it.
Setting or deleting a name on it does the same on the module the name comes
from, so ``patch.object(mock, 'FILTER_DIR', False)`` reaches asyncmock, and
``patch`` restores it.

* CPython's suites: ``from unittest import mock`` -> ``import
  asyncmock_or_stdlib as mock``; ``import unittest`` and ``import
  unittest.mock`` -> ``import unittest, asyncmock_or_stdlib``; then every
  other ``unittest.mock`` -> ``asyncmock_or_stdlib``, in code and in strings
  alike (``from unittest.mock import``, ``unittest.mock.patch``, patch
  targets such as ``'unittest.mock.patch.TEST_PREFIX'``, ``sys.modules`` keys,
  exec'd source). Their ``test.*`` imports stay: the suite is laid out as
  ``test.test_unittest.testmock`` in a ``test`` package that extends the
  interpreter's own, and the few helpers an older ``test.support`` lacks
  (``ALWAYS_EQ``, ``import_helper.DirsOnSysPath``, ``requires_working_*``,
  ``uncache``; PyPy ships no ``test.support`` at all) are filled in.
* mock's suite: ``import mock`` -> ``import asyncmock_or_stdlib as mock``;
  ``import mock.mock as X`` -> ``import asyncmock_or_stdlib as X``; ``from
  mock import`` and ``from mock.mock import`` -> ``from asyncmock_or_stdlib
  import`` (in exec'd strings too); patch targets ``'mock.patch.`` ->
  ``'asyncmock_or_stdlib.patch.``. Left alone: ``mock.tests.*`` (the suite's
  own package, laid out with the backport's ``mock`` package around it),
  ``mock.backports`` (its test helpers), ``from mock import IS_PYPY`` (a
  platform flag), ``sys.modules['mock...']`` and mock names in reprs.
* Scaffolding an old interpreter lacks, in the suite's process only:
  ``asyncio.run`` (3.6: a small equivalent here) and
  ``unittest.IsolatedAsyncioTestCase`` (3.6, 3.7: asyncmock's own, which
  ``mock.backports`` then picks up too; in a baseline run mock's own stand-in
  calls its ``async def`` tests without awaiting them, as upstream's does).
  mock's suite uses pytest for ``pytest.mark.skipif`` alone; a stand-in maps
  it to ``unittest.skipIf``, so no pytest is needed.
* A module whose *original* source does not compile on the interpreter
  (positional-only parameters on 3.6/3.7, say) is reported as not run
  there, an interpreter feature, and fails nothing.

``--baseline`` runs the same suites without the rewrite, against the library
they were written for (the running stdlib's ``unittest.mock``; the backport
for mock's suite): it shows what the stdlib itself passes, and never fails.

    python3 scripts/matrix.py --group conformance     # the wheel, every interpreter
    python3 scripts/conformance.py                    # the checkout (PYTHONPATH), every interpreter found
    python3 scripts/conformance.py --python 3.13 --report --tracebacks  # and the baseline, side by side

Run directly, it stages the suites (under ~/.cache/asyncmock-matrix/upstream-suites) and
keeps each interpreter's full output in ~/.cache/asyncmock-matrix/logs/conformance-dev-*.log.

The last line is ``N passed, N failed, N skipped``.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

from conformance_staging import OWN_SUITES, REFERENCE, stage_all, suites_for
from interpreters import LOGS, REPO, VERSIONS, find_all

SCRIPT = Path(__file__).resolve()
SUITE = SCRIPT.parent / "conformance_suite.py"  # runs one suite in a process of its own
SUITE_TIMEOUT = 600  # seconds for one suite on one interpreter


class Deliberate(NamedTuple):
    """Why a test fails on purpose: a fix of an upstream bug, or (with *before* or
    *implementation*) an interpreter feature that only those interpreters lack."""

    reason: str
    before: Optional[Tuple[int, int]] = None  # only on CPython/PyPy versions older than this
    implementation: Optional[str] = None  # only on this sys.implementation.name


GH_137594 = ("gh-137594: the test asserts that create_autospec of an async def records a call only "
             "once awaited; asyncmock records it when it is made, like every other mock")
REPR_COMMA = ("interpreter feature: the expected message has TypeError('...'), and before 3.7 an exception's "
              "repr ends in a comma, TypeError('...',) (bpo-30399); mock 5.2's copy of the test allows for it")
PYPY_BUILTINS = ("interpreter feature: PyPy's builtins have signatures, so the autospec of a bound time.ctime "
                 "checks its arguments; mock 5.2's copy of the test expects the TypeError on PyPy (IS_PYPY)")
PRIVATE_CALLABLE = ("interpreter's private helper: the test calls unittest.mock._callable itself, which "
                    "asyncmock neither exports nor replaces; 3.6's calls a classmethod of a non-callable "
                    "callable (asyncmock's own check is the newest one, tested in tests/)")
#: "suite:test id" -> why it fails. Every other failure fails the run, and so does an entry that passes.
DELIBERATE = dict(
    [(suite + ":testasync.AsyncAutospecTest.test_autospec_checks_signature", Deliberate(GH_137594))
     for suite in ("cpython-3.13", "cpython-3.14", "cpython-3.15", "mock-5.2")] + [
        ("cpython-3.13:testasync.AsyncMockAssert.test_assert_has_awaits_not_matching_spec_error",
         Deliberate(REPR_COMMA, before=(3, 7))),
        ("cpython-3.13:testmock.MockTest.test_assert_has_calls_not_matching_spec_error",
         Deliberate(REPR_COMMA, before=(3, 7))),
        ("cpython-3.13:testhelpers.SpecSignatureTest.test_autospec_on_bound_builtin_function",
         Deliberate(PYPY_BUILTINS, implementation="pypy")),
    ] + [
        (suite + ":testhelpers.TestCallablePredicate.test_non_callable_classmethod",
         Deliberate(PRIVATE_CALLABLE, before=(3, 7)))
        for suite in ("cpython-3.13", "mock-5.2")
    ])  # type: Dict[str, Deliberate]


# --- judging the outcomes ------------------------------------------------------------------

class Problem(NamedTuple):
    """One thing that fails the run."""

    label: str  # FAIL, ERROR, PASS (a deliberate entry that passes), STALE (one that names no test)
    test_id: str  # a test id, or a module's name
    text: str


class Verdict(NamedTuple):
    counts: Dict[str, int]  # passed, failed, errors, skipped, deliberate, unexpected, modules
    problems: List[Problem]
    notes: List[str]  # what fails nothing: modules not run for a reason of the interpreter's


def applies(entry: Deliberate) -> bool:
    """Whether *entry* is about this interpreter."""
    return ((entry.before is None or sys.version_info[:2] < entry.before)
            and entry.implementation in (None, sys.implementation.name))


def judge(suite: str, result: Dict[str, Any], baseline: bool) -> Verdict:
    """Count *result* and hold it against DELIBERATE (not in a baseline run)."""
    counts = dict.fromkeys(("passed", "failed", "errors", "skipped", "deliberate", "unexpected", "modules"), 0)
    problems, notes = [], []  # type: List[Problem], List[str]
    wanted = {} if baseline else {key.split(":", 1)[1]: entry for key, entry in DELIBERATE.items()
                                  if key.startswith(suite + ":") and applies(entry)}
    for stem, (status, text, _, _) in sorted(result["modules"].items()):
        if status == "ok":
            continue
        counts["modules"] += 1
        if status == "error" and stem not in wanted:
            problems.append(Problem("ERROR", stem, "module not run: " + text))
        else:
            notes.append("module {} not run: {}{}".format(
                stem, text, " (an interpreter feature)" if status == "unsupported" else ""))
    for test_id, (status, text, where, _) in sorted(result["tests"].items()):
        entry = wanted.get(test_id)
        if status in ("failed", "error") and entry is not None:
            counts["deliberate"] += 1
            continue
        counts["errors" if status == "error" else status] += 1
        if status in ("failed", "error"):
            label = "FAIL" if status == "failed" else "ERROR"
            problems.append(Problem(label, test_id, "[{}] {}".format(where, text) if where else text))
        elif status == "passed" and entry is not None:
            counts["unexpected"] += 1
            problems.append(Problem("PASS", test_id, "listed as deliberate ({}): take it off".format(entry.reason)))
    for test_id in sorted(set(wanted) - set(result["tests"])):
        if "." in test_id and result["modules"].get(test_id.split(".", 1)[0], ["ok"])[0] == "ok":
            counts["unexpected"] += 1
            problems.append(Problem("STALE", test_id, "listed as deliberate, but no such test ran"))
    return Verdict(counts, problems, notes)


def count_line(counts: Dict[str, int]) -> str:
    line = "{passed} passed, {failed} failed, {errors} errors, {skipped} skipped".format(**counts)
    for key, words in (("deliberate", "deliberate"), ("unexpected", "listed but passing or stale"),
                       ("modules", "modules not run")):
        if counts[key]:
            line += ", {} {}".format(counts[key], words)
    return line


# --- the worker: every suite given, on this interpreter ----------------------------------------

#: Set by the matrix: run each suite's process under coverage.py (COVERAGE_FILE given).
COVERAGE_VARIABLE = "ASYNCMOCK_CONFORMANCE_COVERAGE"


def suite_kind(name: str) -> str:
    return "mock" if name.startswith("mock-") else "cpython"


def run_one_process(name: str, source: Path, baseline: bool) -> Tuple[Optional[Dict[str, Any]], str]:
    """Run suite *name* in a new process of this interpreter: its result (None if it broke), its output."""
    with tempfile.TemporaryDirectory(prefix="asyncmock-conformance-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(SUITE), suite_kind(name), str(source), str(out)]
        if os.environ.get(COVERAGE_VARIABLE):  # the matrix measures what the suites exercise
            command[1:1] = ["-m", "coverage", "run", "--branch", "--parallel-mode", "--source=asyncmock"]
        try:
            done = subprocess.run(command + ["--baseline"] * baseline, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, universal_newlines=True, timeout=SUITE_TIMEOUT)
            output = "exit code {}:\n{}".format(done.returncode, done.stdout)
        except subprocess.TimeoutExpired as expired:
            text = expired.output or ""
            output = "timed out after {} s:\n{}".format(
                SUITE_TIMEOUT, text.decode(errors="replace") if isinstance(text, bytes) else text)
        return (json.loads(out.read_text()) if out.exists() else None), output


def run_suites(suites: Sequence[Tuple[str, Path]], baseline: bool, tracebacks: bool,
               json_path: Optional[Path]) -> int:
    """Run each suite in a process of its own and print what it did; 1 when something unexpected failed."""
    label = "baseline: each suite against its own library, not rewritten" if baseline else "asyncmock"
    print("{} {} ({})".format(sys.implementation.name, sys.version.split()[0], label), flush=True)
    totals = dict.fromkeys(("passed", "failed", "skipped"), 0)
    report = {}  # type: Dict[str, Any]
    for name, source in suites:
        result, output = run_one_process(name, source, baseline)
        if result is None:
            print("  {}: the suite's process broke, {}".format(name, output[-3000:]))
            totals["failed"] += 1
            continue
        verdict = judge(name, result, baseline)
        if "asyncmock" in result:
            print("  asyncmock from {}".format(result["asyncmock"]))
            if os.environ.get("ASYNCMOCK_EXPECT_INSTALLED") and result["asyncmock"].startswith(str(REPO)):
                verdict.problems.append(Problem("ERROR", "asyncmock", "the checkout's, not the installed wheel"))
        print("  {}: {}".format(name, count_line(verdict.counts)))
        for note in verdict.notes:
            print("    " + note)
        for problem in verdict.problems:
            print("    {:<5} {}  {}".format(*problem))
            trace = (result["tests"].get(problem.test_id) or result["modules"].get(problem.test_id) or [""] * 4)[3]
            if tracebacks and trace:
                print("      " + trace.rstrip().replace("\n", "\n      "))
        totals["passed"] += verdict.counts["passed"]
        totals["skipped"] += verdict.counts["skipped"]
        totals["failed"] += len(verdict.problems)
        report[name] = dict(verdict.counts, problems=[list(p) for p in verdict.problems], notes=verdict.notes)
    if json_path is not None:
        json_path.write_text(json.dumps({"python": sys.version.split()[0], "suites": report}, indent=1))
    print("{passed} passed, {failed} failed, {skipped} skipped".format(**totals), flush=True)
    return 1 if totals["failed"] and not baseline else 0


# --- the driver: every interpreter, from the checkout ---------------------------------------------

def drive(versions: Sequence[str], modes: Sequence[bool], tracebacks: bool) -> int:
    """Run the worker on each interpreter found, on the checkout (the matrix group tests the wheel)."""
    wanted = list(versions or VERSIONS)
    found, notes = find_all(sorted(set(wanted) | {REFERENCE} | set(OWN_SUITES)), provision=False)
    staged = stage_all(found, Path(sys.executable))
    LOGS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")

    def one(version: str, baseline: bool) -> Tuple[int, str, Dict[str, Any]]:
        interpreter = found[version]
        with tempfile.TemporaryDirectory(prefix="asyncmock-conformance-") as tmp:
            out = Path(tmp) / "report.json"
            command = [interpreter.python, SCRIPT, "--json", out] + ["--baseline"] * baseline
            command += ["--tracebacks"] * tracebacks
            for name, path in suites_for(version, staged):
                command += ["--suite", "{}={}".format(name, path)]
            done = interpreter.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
            report = json.loads(out.read_text()) if out.exists() else {"suites": {}}
        name = "conformance-dev-{}{}.log".format(version, "-baseline" if baseline else "")
        (LOGS / name).write_text(done.stdout)
        return done.returncode, done.stdout, report["suites"]

    jobs = [(version, baseline) for version in wanted if version in found for baseline in modes]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = dict(zip(jobs, pool.map(lambda job: one(*job), jobs)))
    code = 0
    for (version, baseline), (returncode, output, _) in results.items():
        print("=== {}{}".format(version, " (baseline)" if baseline else ""))
        lines = output.rstrip().splitlines()
        brief = [line for line in lines if re.match(r"  \S+: ", line)] + lines[-1:]
        print("\n".join(lines if tracebacks or len(modes) == 1 else brief))
        code = code or returncode
    if len(modes) == 2:
        print("\n{:<9} {:<13} {:>14} {:>14}".format("python", "suite", "asyncmock", "baseline"))
        for version in [v for v in wanted if v in found]:
            ours, theirs = results[(version, False)][2], results[(version, True)][2]
            for suite in [name for name, _ in suites_for(version, staged)]:
                print("{:<9} {:<13} {:>14} {:>14}".format(version, suite, ratio(ours.get(suite)),
                                                          ratio(theirs.get(suite))))
        print("(passed/total; +Nm: N modules that did not load, their tests not in the total)")
    for version in wanted:
        if version not in found:
            print("{}: no interpreter found".format(version))
            code = 1
    for note in notes:
        print("note: " + note)
    runs = [counts for (_, baseline), (_, _, report) in results.items() if not baseline
            for counts in report.values()]
    print("{} passed, {} failed, {} skipped".format(sum(c["passed"] for c in runs),
                                                   sum(len(c["problems"]) for c in runs),
                                                   sum(c["skipped"] for c in runs)))
    return code


def ratio(counts: Optional[Dict[str, int]]) -> str:
    """passed/total of one suite (tests in modules that did not load are not in the total)."""
    if counts is None:
        return "-"
    total = sum(counts[key] for key in ("passed", "failed", "errors", "skipped", "deliberate"))
    more = " +{}m".format(counts["modules"]) if counts["modules"] else ""
    return "{}/{}{}".format(counts["passed"], total, more)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", action="append", metavar="NAME=DIR",
                        help="run this staged suite on this interpreter (repeatable; the matrix's way)")
    parser.add_argument("--python", action="append", help="driver: only this X.Y or pypy3 (repeatable)")
    parser.add_argument("--baseline", action="store_true", help="the suites against their own library")
    parser.add_argument("--report", action="store_true", help="driver: asyncmock and baseline side by side")
    parser.add_argument("--tracebacks", action="store_true", help="print the traceback of every failure")
    parser.add_argument("--json", type=Path, help="write the counts and problems there too")
    args = parser.parse_args()
    if args.suite:
        suites = [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1])) for spec in args.suite]
        return run_suites(suites, args.baseline, args.tracebacks, args.json)
    modes = [False, True] if args.report else [args.baseline]
    return drive(args.python or [], modes, args.tracebacks)


if __name__ == "__main__":
    sys.exit(main())
