"""The version table of docs/versions.md holds for the interpreter running this test.

Each run checks its own row: the matrix runs this file on every supported
CPython and on PyPy, so together they check the whole table.
"""
import inspect
import platform
import re
import sys
import unittest
from pathlib import Path

import asyncmock
import pytest

DOCS = Path(__file__).resolve().parent.parent
TABLE = DOCS / "versions.md"
PYTEST_PINS = DOCS.parent / "requirements" / "pytest.txt"


def table_rows():
    """The rows of the first table on the page, as lists of cells."""
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # after the header and the --- line


def label_of_this_interpreter():
    version = "{}.{}".format(*sys.version_info[:2])
    return "PyPy " + version if platform.python_implementation() == "PyPy" else version


@pytest.fixture
def row():
    label = label_of_this_interpreter()
    matches = [cells for cells in table_rows() if cells[0] == label]
    assert len(matches) == 1, "no row {!r} in {}".format(label, TABLE)
    return matches[0]


def names_in(cell):
    return re.findall(r"`([\w.]+)`", cell)


def test_the_table_names_every_supported_cpython_and_pypy():
    labels = [cells[0] for cells in table_rows()]

    assert labels[:10] == ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
    assert all(label.startswith("PyPy 3.") for label in labels[10:]) and labels[10:]


def test_asyncmock_derives_from_the_classes_the_row_names(row):
    stdlib_bases = [
        cls.__module__ + "." + cls.__qualname__
        for cls in inspect.getmro(asyncmock.AsyncMock)
        if cls.__module__.startswith("unittest")
    ]
    named = names_in(row[1])

    assert named and stdlib_bases[: len(named)] == named


def test_isolated_asyncio_testcase_is_what_the_row_says(row):
    if "unittest.IsolatedAsyncioTestCase" in names_in(row[2]):
        assert asyncmock.IsolatedAsyncioTestCase is unittest.IsolatedAsyncioTestCase
    else:
        assert "backport" in row[2]
        assert not hasattr(unittest, "IsolatedAsyncioTestCase")
        assert asyncmock.IsolatedAsyncioTestCase.__module__ == "asyncmock"


def test_inspect_iscoroutinefunction_is_what_the_row_says(row):
    assert row[3] in ("yes", "no")
    assert inspect.iscoroutinefunction(asyncmock.AsyncMock()) is (row[3] == "yes")


def test_the_pytest_release_is_the_one_the_matrix_pins(row):
    version = sys.version_info[:2]
    pinned = []
    for line in PYTEST_PINS.read_text(encoding="utf-8").splitlines():
        match = re.match(r'pytest==([\w.]+); python_version (<|==|>=) "(\d+)\.(\d+)"', line)
        if match:
            release, op, bound = match.group(1), match.group(2), tuple(map(int, match.group(3, 4)))
            if {"<": version < bound, "==": version == bound, ">=": version >= bound}[op]:
                pinned.append(release)

    assert pinned == [row[4]]
