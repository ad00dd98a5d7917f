"""The table bench.py prints and the metadata it writes next to the numbers."""
import argparse
import datetime
import os
import platform
import shlex
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, Mapping, NamedTuple, Optional, Sequence

REPO = Path(__file__).resolve().parent.parent


class Row(NamedTuple):
    """One line of the table: a scenario's value per implementation and its verdict."""

    key: str
    title: str
    unit: str
    values: Dict[str, Optional[float]]  # implementation (or "floor") -> value
    ratio: Optional[float]  # baseline / asyncmock; bigger is better for asyncmock
    score: str  # what the ratio column prints
    target: str
    goal: Optional[float]  # minimum ratio, for the plot
    passed: Optional[bool]  # None when the issue sets no target


def fmt(value: Optional[float]) -> str:
    """Three significant digits or so, enough for a ratio read by eye."""
    if value is None:
        return "-"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return "{:.{}f}".format(value, digits)


def print_table(rows: Sequence[Row], columns: Sequence[str]) -> None:
    """One line per row: the value of each column, then ratio, target and verdict."""
    header = ["scenario", "title", "unit"] + list(columns) + ["ratio", "target", "result"]
    table = [header] + [[r.key, r.title, r.unit] + [fmt(r.values.get(c)) for c in columns]
                        + [r.score, r.target, {True: "PASS", False: "FAIL", None: "-"}[r.passed]] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        cells = [cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))]
        print("  ".join(cells).rstrip())


def source_revision() -> Optional[str]:
    """The checkout's commit, with ``+dirty`` when asyncmock/ has uncommitted changes."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, universal_newlines=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "asyncmock"],
                               stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def metadata(args: argparse.Namespace, impls: Mapping[str, Any], baseline: str,
             settings: Dict[str, Any]) -> Dict[str, Any]:
    """Interpreter, date, command, machine and versions: what a reader needs to trust a ratio."""
    mock = impls.get("mock")
    return OrderedDict([
        ("python", "{}.{}".format(*sys.version_info[:2])),
        ("interpreter", sys.version),
        ("implementation", platform.python_implementation()),
        ("executable", sys.executable),
        ("date", datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")),
        ("command", " ".join(shlex.quote(a) for a in [sys.executable] + sys.argv)),
        ("machine", OrderedDict([
            ("platform", platform.platform()), ("machine", platform.machine()),
            ("processor", platform.processor()), ("cpus", os.cpu_count()), ("node", platform.node()),
            ("loadavg_at_start", os.getloadavg() if hasattr(os, "getloadavg") else None)])),
        ("asyncmock", OrderedDict([("version", impls["asyncmock"].__version__),
                                   ("file", impls["asyncmock"].__file__), ("installed", args.installed),
                                   ("checkout", source_revision())])),
        ("mock", getattr(mock, "__version__", None)),
        ("baseline", baseline),
        ("quick", args.quick),
        ("settings", settings),
    ])
