"""The differential suite compares asyncmock with the stdlib it takes as reference.

That reference is CPython 3.13's own unittest.mock, so the suite is collected
on 3.13 only; elsewhere there is nothing to compare against.
"""
import sys

collect_ignore_glob = []
if sys.version_info[:2] != (3, 13):
    collect_ignore_glob.append("test_*.py")
