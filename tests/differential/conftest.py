"""The differential suite compares asyncmock with the stdlib it takes as reference.

The reference is the newest stdlib's unittest.mock, so the suite is collected
on CPython 3.13 and later, whose stdlib is close enough to it (the harness
smooths the few wordings 3.14/3.15 changed); elsewhere the interpreter's own
unittest.mock is older than what asyncmock follows.
"""
import sys

collect_ignore_glob = []
if sys.version_info[:2] < (3, 13) or sys.implementation.name != "cpython":
    collect_ignore_glob.append("test_*.py")
