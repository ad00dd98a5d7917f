"""The fuzz tests compare asyncmock with the stdlib it takes as reference.

The reference is the newest stdlib's unittest.mock, so the tests are collected
on CPython 3.13 and later, whose stdlib is close enough to it (the harness
smooths the few wordings 3.14/3.15 changed); fuzzer.py is their engine.
"""
import sys

collect_ignore = []
if sys.version_info[:2] < (3, 13) or sys.implementation.name != "cpython":
    collect_ignore.append("test_fuzz_against_stdlib.py")
