#!/usr/bin/env python3
"""Benchmark asyncmock against the stdlib and the ``mock`` backport (issue 3).

Runs the issue's eight scenarios side by side in one process on any Python
3.6+ and prints, per scenario, the median cost per operation of each
implementation and the ratio baseline / asyncmock. The baseline is the
stdlib's ``unittest.mock`` on 3.8+ and ``mock`` (the backport) on 3.6/3.7.

    python benchmarks/bench.py [--json OUT] [--quick] [--installed]

Times are CPU times (``timeit`` with ``time.process_time``, the garbage
collector off while timing, as timeit does) and medians over repeats that take
turns between implementations; memory comes from ``tracemalloc``. Compare
ratios, not absolute times: within one run, machine noise mostly cancels out.
"""
import argparse
import asyncio
import gc
import inspect
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections import OrderedDict
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple, TypeVar

from bench_report import Row, metadata, print_table
from bench_subjects import Big, Service, async_magic_mock, autospec_and_touch, await_child, await_plain, bare

REPO = Path(__file__).resolve().parent.parent
BATCH = 1000  # awaits per timed statement in scenarios 1 and 2
LINEAR_GROWTH = 2.0  # per-await cost may grow at most this much from 1k to 100k awaits
K = TypeVar("K")
IMPORT_SNIPPET = "import time{}; t = time.process_time(); import {}; print(time.process_time() - t)"


class Settings(NamedTuple):
    repeat: int  # timed repeats; the median is reported
    min_time: float  # seconds one repeat should last at least
    sizes: Tuple[int, ...]  # awaits recorded before the assertions of scenario 6
    memory_awaits: int  # awaits measured for bytes per await (scenario 7a)
    peak_awaits: int  # awaits measured for peak memory (scenario 7b)
    import_runs: int  # fresh interpreters per import snippet (scenario 8)


FULL = Settings(5, 0.05, (1000, 10000, 100000), 10000, 100000, 15)
QUICK = Settings(3, 0.01, (1000, 10000, 100000), 10000, 100000, 7)


class Timed(NamedTuple):
    """A calibrated ``timeit.Timer``: *number* calls of its statement, *ops* operations each."""

    timer: timeit.Timer
    number: int
    ops: int


# --- measuring -----------------------------------------------------------------


class Bench:
    """The implementations, the event loop and the settings of one run."""

    def __init__(self, impls: "OrderedDict[str, Any]", baseline: str, cfg: Settings) -> None:
        self.impls = impls
        self.baseline = baseline
        self.cfg = cfg
        self.loop = asyncio.new_event_loop()

    def timed(self, stmt: Callable[[], Any], ops: int = 1, setup: Callable[[], Any] = gc.collect) -> Timed:
        """Calibrate a timer so one repeat lasts about ``min_time``; *stmt* does *ops* operations."""
        timer = timeit.Timer(stmt, setup, timer=time.process_time)
        first = timer.timeit(1)  # warm-up, and the calibration of `number`
        return Timed(timer, max(1, int(self.cfg.min_time / max(first, 1e-9))), ops)

    def timed_awaits(self, run: Callable[[Any, int], Any], make: Callable[[], Any]) -> Timed:
        """A timer of ``run(target, BATCH)`` with a fresh ``target = make()`` each repeat."""
        state = {}  # type: Dict[str, Any]

        def setup() -> None:
            state["target"] = make()
            gc.collect()

        return self.timed(lambda: self.loop.run_until_complete(run(state["target"], BATCH)), BATCH, setup)

    def medians(self, timers: Mapping[K, Timed], scale: float) -> Dict[K, Optional[float]]:
        """Median time per operation of each timer, times *scale*.

        The repeats take turns between implementations, so a burst of load on
        a noisy machine hits all of them alike and their ratio holds.
        """
        samples = OrderedDict((name, []) for name in timers)  # type: Dict[K, List[float]]
        for _ in range(self.cfg.repeat):
            for name, t in timers.items():
                samples[name].append(t.timer.timeit(t.number) / (t.number * t.ops))
        return OrderedDict((name, statistics.median(times) * scale) for name, times in samples.items())

    def row(self, key: str, title: str, prepare: Callable[[Any], Timed], goal: Optional[float],
            floor: Optional[Callable[[], Timed]] = None, unit: str = "us", scale: float = 1e6) -> Row:
        """Time every implementation (and the floor) and compare the baseline with asyncmock."""
        timers = OrderedDict((name, prepare(module)) for name, module in self.impls.items())
        if floor is not None:
            timers["floor"] = floor()
        return ratio_row(key, title, unit, self.medians(timers, scale), self.baseline, goal)

    def returns_awaitable(self, function: Any) -> bool:
        """Call *function*; if that gives an awaitable, await it too."""
        result = function(1)
        if inspect.isawaitable(result):
            self.loop.run_until_complete(result)
            return True
        return False

    def awaits(self, n: int, make: Callable[[], Any]) -> Any:
        """A new ``make()`` awaited *n* times, as in scenario 1."""
        target = make()
        self.loop.run_until_complete(await_plain(target, n))
        return target


def nothing() -> None:
    """A timer set-up that does nothing."""


def ratio_row(key: str, title: str, unit: str, values: Mapping[str, Optional[float]],
              baseline: str, goal: Optional[float]) -> Row:
    base, ours = values.get(baseline), values.get("asyncmock")
    ratio = base / ours if base is not None and ours else None
    passed = None if goal is None or ratio is None else ratio >= goal
    score = "-" if ratio is None else "{:.{}f}x".format(ratio, 2 if ratio < 10 else 1)
    target = "-" if goal is None else ">= {:g}x".format(goal)
    return Row(key, title, unit, dict(values), ratio, score, target, goal, passed)


def linear_row(key: str, title: str, cost: Dict[str, Dict[int, float]], small: int, large: int,
               judged: bool) -> Row:
    """Growth of the per-await cost of an assertion from *small* to *large* awaits.

    Only the widest span is *judged*: one noisy size moves it least.
    """
    values = OrderedDict((name, (by_size[large] / large) / (by_size[small] / small))
                         for name, by_size in cost.items())  # type: Dict[str, Optional[float]]
    growth = values["asyncmock"]
    assert growth is not None
    target = "<= {:g} (linear)".format(LINEAR_GROWTH) if judged else "-"
    passed = growth <= LINEAR_GROWTH if judged else None
    return Row(key, title, "growth", values, None, "{:.2f}".format(growth), target, None, passed)


# --- the scenarios -------------------------------------------------------------


def scenario_awaits(b: Bench) -> List[Row]:
    return [
        b.row("1", "await m(i, k=i) on AsyncMock()", lambda m: b.timed_awaits(await_plain, m.AsyncMock), 3,
              floor=lambda: b.timed_awaits(await_plain, lambda: bare)),
        b.row("2", "await m.method(i, k=i), m = AsyncMock(spec=Service)",
              lambda m: b.timed_awaits(await_child, lambda: m.AsyncMock(spec=Service)), 3,
              floor=lambda: b.timed_awaits(await_child, Service)),
    ]


def scenario_creation(b: Bench) -> List[Row]:
    return [
        b.row("3a", "AsyncMock()", lambda m: b.timed(m.AsyncMock), 5),
        b.row("3b", "AsyncMagicMock() (stdlib, mock: AsyncMock())", lambda m: b.timed(async_magic_mock(m)), 5),
        b.row("4", "AsyncMock(spec=Big), 100 async + 100 sync methods",
              lambda m: b.timed(lambda: m.AsyncMock(spec=Big)), 5),
        b.row("5a", "create_autospec(Big)", lambda m: b.timed(lambda: m.create_autospec(Big)), 20,
              unit="ms", scale=1e3),
        b.row("5b", "create_autospec(Big, instance=True)",
              lambda m: b.timed(lambda: m.create_autospec(Big, instance=True)), 20, unit="ms", scale=1e3),
        b.row("5c", "create_autospec(Big, instance=True) + first access to 5 methods",
              lambda m: b.timed(lambda: autospec_and_touch(m)), 20, unit="ms", scale=1e3),
    ]


def scenario_assertions(b: Bench) -> List[Row]:
    """Scenario 6: the assertions after 1k, 10k and 100k awaits (awaits untimed)."""
    kinds = (("6a", "assert_has_awaits([3 calls])"), ("6b", "assert_any_await(call)"))
    cost = {key: OrderedDict((name, {}) for name in b.impls)
            for key, _ in kinds}  # type: Dict[str, Dict[str, Dict[int, float]]]
    for n in b.cfg.sizes:
        mid = n // 2  # neither a forward nor a backward scan finds it early
        timers = OrderedDict()  # type: Dict[Tuple[str, str], Timed]
        for name, module in b.impls.items():
            gc.disable()  # the records are no garbage: full collections would only slow the set-up
            mock = b.awaits(n, module.AsyncMock)
            gc.enable()
            expected = [module.call(j, k=j) for j in range(mid, mid + 3)]
            # No gc.collect() before each repeat: with 10^5-10^6 live objects it costs more than the assert.
            timers["6a", name] = b.timed(partial(mock.assert_has_awaits, expected), setup=nothing)
            timers["6b", name] = b.timed(partial(mock.assert_any_await, mid, k=mid), setup=nothing)
        for (key, name), seconds in b.medians(timers, 1.0).items():
            cost[key][name][n] = seconds or 0.0
        del timers, mock
        gc.collect()
    rows = []
    for key, title in kinds:
        for n in b.cfg.sizes:
            values = OrderedDict((name, by_size[n] * 1e6) for name, by_size in cost[key].items())
            rows.append(ratio_row("{}.{}k".format(key, n // 1000), "{} after {:,} awaits".format(title, n),
                                  "us", values, b.baseline, 2 if n == 10000 else None))
        spans = list(zip(b.cfg.sizes, b.cfg.sizes[1:])) + [(b.cfg.sizes[0], b.cfg.sizes[-1])]
        for small, large in spans:
            judged = (small, large) == spans[-1]
            rows.append(linear_row("{}.lin{}k-{}k".format(key, small // 1000, large // 1000),
                                   "{} cost per await, {:,} vs {:,}".format(title, large, small),
                                   cost[key], small, large, judged))
    return rows


def traced_bytes(b: Bench, make: Callable[[], Any], n: int) -> Tuple[float, float]:
    """(bytes kept per await after a warm-up, peak bytes of n awaits on a new target)."""
    target = b.awaits(100, make)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    b.loop.run_until_complete(await_plain(target, n))
    gc.collect()
    kept = (tracemalloc.get_traced_memory()[0] - before) / n
    tracemalloc.stop()
    del target
    gc.collect()
    tracemalloc.start()  # a fresh start also resets the peak (reset_peak is 3.9+)
    b.awaits(b.cfg.peak_awaits, make)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    gc.collect()
    return kept, float(peak)


def scenario_memory(b: Bench) -> List[Row]:
    measured = OrderedDict((name, traced_bytes(b, module.AsyncMock, b.cfg.memory_awaits))
                           for name, module in b.impls.items())
    measured["floor"] = traced_bytes(b, lambda: bare, b.cfg.memory_awaits)
    kept = OrderedDict((name, v[0]) for name, v in measured.items())  # type: Dict[str, Optional[float]]
    peak = OrderedDict((name, v[1] / 1e6) for name, v in measured.items())  # type: Dict[str, Optional[float]]
    return [
        ratio_row("7a", "bytes kept per recorded await (<= half the baseline's)", "B", kept, b.baseline, 2),
        ratio_row("7b", "peak memory of {:,} awaits".format(b.cfg.peak_awaits), "MB", peak, b.baseline, None),
    ]


def import_samples(snippets: Mapping[str, str], runs: int, installed: bool) -> Dict[str, List[float]]:
    """What each snippet prints, in *runs* fresh interpreters each, after a warm-up run.

    The snippets take turns, in alternating order, so load on the machine hits
    them alike.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONDEVMODE", "PYTHONTRACEMALLOC", "PYTHONPATH")}
    if not installed:
        env["PYTHONPATH"] = str(REPO)
    samples = OrderedDict((name, []) for name in snippets)  # type: Dict[str, List[float]]
    with tempfile.TemporaryDirectory() as cwd:  # keeps the checkout off sys.path[0]
        for run in range(runs + 1):
            for name in list(snippets) if run % 2 else list(reversed(list(snippets))):
                out = subprocess.run([sys.executable, "-c", snippets[name]], cwd=cwd, env=env,
                                     stdout=subprocess.PIPE, check=True, universal_newlines=True).stdout
                if run:  # run 0 writes the bytecode caches
                    samples[name].append(float(out))
    return samples


def scenario_import(b: Bench, installed: bool) -> List[Row]:
    """CPU time of each import alone, and of ``import asyncmock`` once unittest.mock is loaded.

    The latter is what asyncmock adds, measured directly rather than as the
    difference of two noisy numbers.
    """
    modules = OrderedDict([("asyncmock", "asyncmock"), ("stdlib", "unittest.mock")])
    if "mock" in b.impls:
        modules["mock"] = "mock"
    snippets = OrderedDict((impl, IMPORT_SNIPPET.format("", module)) for impl, module in modules.items())
    snippets["added"] = IMPORT_SNIPPET.format(", unittest.mock", "asyncmock")
    samples = import_samples(snippets, b.cfg.import_runs, installed)
    values = OrderedDict((impl, statistics.median(samples[impl]) * 1e3)
                         for impl in modules)  # type: Dict[str, Optional[float]]
    added = statistics.median(samples["added"]) * 1e3
    return [Row("8", "import asyncmock (stdlib column: import unittest.mock)", "ms", values, None,
                "+{:.1f} ms".format(added), "<= +5 ms", None, added <= 5.0)]


# --- sanity, report, main ---------------------------------------------------------


def sanity_check(b: Bench) -> None:
    """Refuse to time an implementation that does not do what the scenarios assume."""
    for name, module in b.impls.items():
        mock = b.awaits(3, module.AsyncMock)
        mock.assert_has_awaits([module.call(j, k=j) for j in range(3)])
        child = module.AsyncMock(spec=Service).method
        spec = module.create_autospec(Big, instance=True)
        awaitables = [b.returns_awaitable(f) for f in (child, spec.async_0, spec.sync_0)]
        if mock.await_count != 3 or awaitables != [True, True, False]:
            sys.exit("{}: unexpected behaviour, not benchmarking it".format(name))


def load_implementations(installed: bool, quick: bool) -> Tuple["OrderedDict[str, Any]", str]:
    if not installed:
        sys.path.insert(0, str(REPO))
    import asyncmock
    import unittest.mock as stdlib

    if not installed and Path(asyncmock.__file__).resolve().parent != REPO / "asyncmock":
        sys.exit("asyncmock imported from {}, not the checkout".format(asyncmock.__file__))
    impls = OrderedDict([("asyncmock", asyncmock)])  # type: OrderedDict[str, Any]
    if hasattr(stdlib, "AsyncMock"):
        impls["stdlib"] = stdlib
    try:
        import mock  # type: ignore
    except ImportError:
        mock = None
    if mock is not None and hasattr(mock, "AsyncMock") and not (quick and "stdlib" in impls):
        impls["mock"] = mock
    baseline = "stdlib" if "stdlib" in impls else "mock"
    if baseline not in impls:
        sys.exit("no baseline: install the mock backport (pip install mock==5.2.0)")
    return impls, baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="OUT", help="write every number and the metadata here")
    parser.add_argument("--quick", action="store_true",
                        help="fewer, shorter repeats; the mock backport only where it is the baseline")
    parser.add_argument("--installed", action="store_true",
                        help="benchmark the installed asyncmock instead of the checkout's")
    args = parser.parse_args()
    cfg = QUICK if args.quick else FULL
    impls, baseline = load_implementations(args.installed, args.quick)
    bench = Bench(impls, baseline, cfg)
    meta = metadata(args, impls, baseline, dict(cfg._asdict()))
    print("Python {} ({}), baseline: {}, asyncmock from {}".format(
        meta["python"], platform.python_implementation(), baseline, os.path.dirname(impls["asyncmock"].__file__)),
        flush=True)
    start = time.perf_counter()
    sanity_check(bench)
    imports = scenario_import(bench, args.installed)  # first: it fails fast on a broken tree
    rows = []  # type: List[Row]
    for scenario in (scenario_awaits, scenario_creation, scenario_assertions, scenario_memory):
        began = time.perf_counter(), time.process_time()
        rows += scenario(bench)
        print("{}: {:.1f} s ({:.1f} s CPU)".format(scenario.__name__, time.perf_counter() - began[0],
              time.process_time() - began[1]), file=sys.stderr, flush=True)
        gc.collect()
    rows += imports
    bench.loop.close()
    meta["seconds"] = round(time.perf_counter() - start, 1)
    meta["machine"]["loadavg_at_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    columns = [c for c in ("asyncmock", "stdlib", "mock", "floor") if any(c in r.values for r in rows)]
    print()
    print_table(rows, columns)
    failed = [r.key for r in rows if r.passed is False]
    print("\n{} targets met, {} missed{}; {:.0f} s".format(
        sum(r.passed is True for r in rows), len(failed), " (" + ", ".join(failed) + ")" if failed else "",
        meta["seconds"]))
    if args.json:
        result = OrderedDict([("meta", meta), ("columns", columns), ("rows", [r._asdict() for r in rows])])
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
