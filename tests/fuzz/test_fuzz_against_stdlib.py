"""Random programs give the same observations on CPython 3.13's AsyncMock and ours.

Each test runs one seeded program (see fuzz_programs.py and fuzzer.py) on
both libraries.  Environment variables: ASYNCMOCK_FUZZ_SEED, the run seed
(default below); ASYNCMOCK_FUZZ_PROGRAMS, how many programs;
ASYNCMOCK_FUZZ_OPS, operations per program; ASYNCMOCK_FUZZ_PROGRAM=<seed:index>
replays one program, as printed on failure.  scripts/fuzz.py runs thousands.
"""
import collections
import os
import types
import unittest.mock

import pytest

import asyncmock
import fuzz_programs
import fuzzer

DEFAULT_SEED = 20240
DEFAULT_PROGRAMS = 200
N_OPS = int(os.environ.get("ASYNCMOCK_FUZZ_OPS", 15))


def suite_seeds():
    """The program seeds this run tests."""
    replay = os.environ.get("ASYNCMOCK_FUZZ_PROGRAM")
    if replay:
        return [replay]
    seed = int(os.environ.get("ASYNCMOCK_FUZZ_SEED", DEFAULT_SEED))
    count = int(os.environ.get("ASYNCMOCK_FUZZ_PROGRAMS", DEFAULT_PROGRAMS))
    return [fuzz_programs.program_seed(seed, index) for index in range(count)]


SEEDS = suite_seeds()
DEFAULT_SEEDS = [fuzz_programs.program_seed(DEFAULT_SEED, index) for index in range(DEFAULT_PROGRAMS)]


@pytest.mark.parametrize("seed", SEEDS)
def test_program_observes_the_same_on_stdlib_and_asyncmock(seed):
    program = fuzz_programs.generate(seed, N_OPS)
    mismatch = fuzzer.compare(program, unittest.mock, asyncmock)
    if mismatch is not None:
        shrunk = fuzzer.shrink(mismatch, unittest.mock, asyncmock)
        pytest.fail(
            "%s\nreplay: ASYNCMOCK_FUZZ_PROGRAM=%s ASYNCMOCK_FUZZ_OPS=%d python -m pytest tests/fuzz"
            % (shrunk.describe(), seed, N_OPS),
            pytrace=False,
        )


def test_the_same_seed_always_gives_the_same_program():
    assert fuzz_programs.generate("7:3") == fuzz_programs.generate("7:3")
    assert fuzz_programs.generate("7:3") != fuzz_programs.generate("7:4")


def test_the_default_programs_use_every_operation_and_every_configuration():
    programs = [fuzz_programs.generate(seed) for seed in DEFAULT_SEEDS]
    ops = [op for program in programs for op in program.ops]
    kinds = {op.kind for op in ops}
    side_effects = {op.params[3] for op in ops if op.kind.startswith("configure")}
    slots = {source for program in programs for source in program.slots}
    assert kinds == set(fuzz_programs.OP_KINDS)
    assert side_effects >= set(fuzz_programs.SIDE_EFFECTS)
    assert slots == {source for choices in fuzz_programs.SLOT_CHOICES for source in choices}


def test_the_default_programs_await_raise_and_assert_both_ways():
    seen = collections.Counter()
    for seed in DEFAULT_SEEDS[:50]:
        for _, label, value in fuzzer.execute(fuzz_programs.generate(seed), asyncmock).observations:
            if label == "await":
                seen["raised" if value[0] == "exception" else "returned"] += 1
            elif label.startswith("assert_"):
                seen["assertion passed" if value == "passed" else "assertion failed"] += 1
    assert min(seen[key] for key in ("raised", "returned", "assertion passed", "assertion failed")) > 0


class _ForgetfulAsyncMock(unittest.mock.AsyncMock):
    """The stdlib's AsyncMock with a planted bug: a successful await is counted, not listed.

    Overrides the stdlib's private await step, which 3.13 (the only version
    this module runs on) has.
    """

    async def _execute_mock_call(self, *args, **kwargs):
        result = await super()._execute_mock_call(*args, **kwargs)
        del self.await_args_list[-1:]
        return result


_ForgetfulAsyncMock.__name__ = "AsyncMock"


def test_a_planted_difference_is_found_and_shrunk_to_a_short_program():
    planted = types.SimpleNamespace(**vars(unittest.mock))
    planted.AsyncMock = _ForgetfulAsyncMock
    found = fuzzer.fuzz(1, range(20), 15, unittest.mock, planted)
    assert found
    shortest = min(found, key=lambda mismatch: len(mismatch.program.ops))
    assert len(shortest.program.ops) == 1
    assert "await m0" in shortest.describe()
