"""The xdist group really spreads the core suite over two worker processes.

The group runs tests/, docs/examples/ and this file with ``-n 2``; without
these checks a run that silently fell back to one process would look the same.
"""
import os


def test_the_suite_runs_inside_an_xdist_worker():
    assert os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw")


def test_the_suite_is_shared_by_two_workers():
    assert os.environ.get("PYTEST_XDIST_WORKER_COUNT") == "2"
