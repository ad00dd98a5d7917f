"""The fuzz tests compare asyncmock with the stdlib it takes as reference.

That reference is CPython 3.13's own unittest.mock, so the tests are
collected on 3.13 only; fuzzer.py is their engine, not a test module.
"""
import sys

collect_ignore = []
if sys.version_info[:2] != (3, 13):
    collect_ignore.append("test_fuzz_against_stdlib.py")
