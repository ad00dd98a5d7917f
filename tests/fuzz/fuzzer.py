"""Differential fuzzing: run one program on two mock libraries, compare what they show.

Running a program (see fuzz_programs.py) against a namespace, the
``unittest.mock`` of CPython 3.13 or ``asyncmock``, gives a list of
observations: return values, errors and their messages with ids blanked,
assertion outcomes, and every recorded call and await after each operation.
Both lists must be equal, apart from the deliberate differences documented in
the README, each excluded where it applies with a comment.  A program that
disagrees is shrunk to the fewest operations that still disagree.

No pytest here: ``scripts/fuzz.py`` drives this module on its own.
"""
import asyncio
import copy
import inspect
import re
import types
import unittest.mock
from typing import Any, Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from fuzz_programs import (
    ARG_ASSERTIONS,
    ARGUMENTS,
    ASSERT_ARGUMENTS,
    LIST_ASSERTIONS,
    SLOT_FACTORIES,
    Program,
    build,
    generate,
    program_seed,
    render_args,
    render_value,
)

CALL_TYPE = type(unittest.mock.call)
MISSING = object()  # what a path that cannot be resolved gives


# --- observations ---------------------------------------------------------------


def _blank_ids(text: str) -> str:
    """Remove what differs between two runs of the same code: ids and addresses."""
    text = re.sub(r"id='\d+'", "id=?", text)
    # A TypeError from inside a method names the method's class: the library's own.
    text = re.sub(r"[\w.]+\.(\w+\(\) argument after)", r"\1", text)
    # 3.15 words this without the full stop; asyncmock has the newest wording.
    text = text.replace("is meant to be an attribute.", "is meant to be an attribute")
    return re.sub(r"0x[0-9a-fA-F]+", "0x?", text)


def normalise(value: Any) -> Any:
    """A comparable, id-free description of *value*.

    Dispatches on ``type(value)``: a spec'd mock passes ``isinstance`` checks
    for its spec (``spec=str`` makes it "a str").
    """
    kind = type(value)
    if value is None or kind in (bool, int, float, str, bytes):
        return (kind.__name__, value)
    if issubclass(kind, BaseException):
        cause = value.__cause__
        return (
            "exception", kind.__name__, _blank_ids(str(value)),
            None if cause is None else type(cause).__name__,
        )
    if issubclass(kind, CALL_TYPE):
        return ("call", _blank_ids(repr(value)))
    if issubclass(kind, types.CoroutineType):
        # The coroutine's repr names the library's internal method.
        return ("coroutine",)
    if issubclass(kind, (list, tuple)):
        return (kind.__name__, [normalise(item) for item in value])
    if issubclass(kind, dict):
        return (kind.__name__, sorted((repr(k), normalise(v)) for k, v in value.items()))
    return (kind.__name__, _blank_ids(repr(value)))


def records(mock: Any) -> Any:
    """Everything a mock has recorded, normalised."""
    seen = [
        type(mock).__name__, mock.called, mock.call_count, mock.call_args,
        mock.call_args_list, mock.mock_calls, mock.method_calls, mock.side_effect,
    ]
    if _awaitable(mock):
        seen += [mock.await_count, mock.await_args, mock.await_args_list]
    return normalise(seen)


def _awaitable(mock: Any) -> bool:
    """Whether *mock* records awaits; asked of its type, so no child is created."""
    return hasattr(type(mock), "assert_awaited")


def _assertion_outcome(mock: Any, name: str, error: BaseException) -> Any:
    """The comparable outcome of a failed assertion."""
    seen = normalise(error)
    if name == "assert_any_await" and (
        seen[1:3] == ("TypeError", "object of type 'TypeError' has no len()")
        or (seen[1] == "AssertionError" and mock._spec_signature is not None)
    ):
        # On a mock with a signature spec, an await that does not bind makes
        # 3.13's and 3.14's stdlib crash with this TypeError; 3.15 reports the
        # await as not found, as asyncmock does.
        return ("failed", "assert_any_await with an await that does not bind")
    return seen


# --- running --------------------------------------------------------------------


class Runner:
    """Runs one program on one namespace; collects observations and a script."""

    def __init__(self, program: Program, ns: Any) -> None:
        self.program = program
        self.ns = ns
        self.slots = []  # type: List[Any]
        self.pending = []  # type: List[Tuple[str, Any]]
        self.touched = []  # type: List[Tuple[int, Tuple[str, ...]]]
        self.observations = []  # type: List[Tuple[int, str, Any]]
        self.script = []  # type: List[str]
        self.step = -1
        self.next_pending = 0

    def observe(self, label: str, value: Any) -> None:
        self.observations.append((self.step, label, value))

    def resolve(self, slot: int, path: Tuple[str, ...]) -> Any:
        obj = self.slots[slot]
        for name in path:
            obj = getattr(obj, name)
        return obj

    def resolve_or_observe(self, slot: int, path: Tuple[str, ...], mock_only: bool = True) -> Any:
        """The object at *path*, or MISSING after observing why it cannot be had.

        With *mock_only*, anything but a mock (a configured return value) is MISSING.
        """
        try:
            found = self.resolve(slot, path)
        except Exception as error:
            self.observe("resolve", normalise(error))
            return MISSING
        if mock_only and not isinstance(found, unittest.mock.NonCallableMock):
            self.observe("resolve", ("not a mock", normalise(found)))
            return MISSING
        if (slot, path) not in self.touched:
            self.touched.append((slot, path))
        return found

    async def run(self) -> None:
        for index, source in enumerate(self.program.slots):
            self.slots.append(SLOT_FACTORIES[source](self.ns))
            self.script.append("m%d = %s" % (index, source))
        try:
            for self.step, op in enumerate(self.program.ops):
                await getattr(self, "op_" + op.kind)(*op.params)
                self.observe("state", [records(mock) for mock in self.slots])
            self.step = len(self.program.ops)
            for slot, path in self.touched:
                found = self.resolve_or_observe(slot, path)
                if found is not MISSING:
                    self.observe("final " + _path_text(slot, path), records(found))
        finally:
            for _, coroutine in self.pending:
                coroutine.close()

    # --- operations -------------------------------------------------------

    async def op_call(self, slot: int, path: Tuple[str, ...], which: int, mode: str) -> None:
        args, kwargs = ARGUMENTS[which]
        text = "%s(%s)" % (_path_text(slot, path), render_args(args, kwargs))
        target = self.resolve_or_observe(slot, path, mock_only=False)
        if target is MISSING:
            self.script.append(text + "  # cannot resolve")
            return
        try:
            result = target(*args, **kwargs)
        except Exception as error:
            self.script.append(text + "  # raises")
            self.observe("call", normalise(error))
            return
        if not inspect.isawaitable(result):
            self.script.append(text)
            self.observe("call", normalise(result))
            return
        if mode == "close":
            self.script.append(text + ".close()")
            result.close()
            self.observe("call", "closed")
        elif mode == "pend":
            name = "p%d" % self.next_pending
            self.next_pending += 1
            self.script.append("%s = %s" % (name, text))
            self.pending.append((name, result))
            self.observe("call", "pending")
        else:
            self.script.append("await " + text)
            await self._await(result)

    async def _await(self, awaitable: Any) -> None:
        try:
            result = await awaitable
        except Exception as error:
            self.observe("await", normalise(error))
        else:
            self.observe("await", normalise(result))

    async def op_await_pending(self, index: int) -> None:
        if self.pending:
            name, coroutine = self.pending.pop(index % len(self.pending))
            self.script.append("await " + name)
            await self._await(coroutine)

    async def op_close_pending(self, index: int) -> None:
        if self.pending:
            name, coroutine = self.pending.pop(index % len(self.pending))
            self.script.append(name + ".close()")
            coroutine.close()

    async def op_gather(self) -> None:
        if self.pending:
            names = [name for name, _ in self.pending]
            self.script.append("await gather(%s, return_exceptions=True)" % ", ".join(names))
            results = await asyncio.gather(
                *(coroutine for _, coroutine in self.pending), return_exceptions=True
            )
            self.pending = []
            self.observe("gather", normalise(results))

    async def op_configure(self, slot: int, path: Tuple[str, ...], attribute: str, value: Any) -> None:
        self.script.append("%s.%s = %s" % (_path_text(slot, path), attribute, render_value(value)))
        target = self.resolve_or_observe(slot, path)
        if target is not MISSING:
            self._attempt("configure", setattr, target, attribute, build(value, self.ns))

    async def op_configure_mock(self, slot: int, path: Tuple[str, ...], attribute: str, value: Any) -> None:
        dotted = ".".join(path + (attribute,))
        self.script.append("m%d.configure_mock(**{%r: %s})" % (slot, dotted, render_value(value)))
        self._attempt("configure_mock", self.slots[slot].configure_mock, **{dotted: build(value, self.ns)})

    async def op_reset(self, slot: int, path: Tuple[str, ...], return_value: bool, side_effect: bool) -> None:
        self.script.append("%s.reset_mock(return_value=%s, side_effect=%s)" % (
            _path_text(slot, path), return_value, side_effect))
        target = self.resolve_or_observe(slot, path)
        if target is not MISSING:
            self._attempt("reset", target.reset_mock, return_value=return_value, side_effect=side_effect)

    async def op_getattr(self, slot: int, path: Tuple[str, ...]) -> None:
        self.script.append(_path_text(slot, path))
        found = self.resolve_or_observe(slot, path, mock_only=False)
        if found is not MISSING:
            self.observe("getattr", normalise(found))
            # Only for awaitable mocks and non-mocks: the stdlib takes some sync
            # mocks (autospecced sync methods) for coroutine functions,
            # asyncmock does not (gh-85794, fixed deliberately).
            if not isinstance(found, unittest.mock.NonCallableMock) or _awaitable(found):
                self.observe("iscoroutinefunction", inspect.iscoroutinefunction(found))

    async def op_observe(self, slot: int, path: Tuple[str, ...]) -> None:
        found = self.resolve_or_observe(slot, path)
        if found is not MISSING:
            self.observe("records", records(found))

    async def op_class_property(self, slot: int, path: Tuple[str, ...], value: Any) -> None:
        """Set a PropertyMock on the target's class; read it there and on a new mock of that kind."""
        target = self.resolve_or_observe(slot, path)
        if target is MISSING:
            return
        text = _path_text(slot, path)
        self.script.append("type(%s).status = PropertyMock(return_value=%s)" % (text, render_value(value)))
        type(target).status = self.ns.PropertyMock(return_value=build(value, self.ns))
        self._read("class property", target)
        fresh = SLOT_FACTORIES[self.program.slots[slot]](self.ns)
        self._attempt("set on a fresh mock", setattr, fresh, "status", "own")
        self._read("read on a fresh mock", fresh)

    def _read(self, label: str, mock: Any) -> None:
        try:
            value = mock.status
        except Exception as error:
            self.observe(label, normalise(error))
        else:
            self.observe(label, normalise(value))

    async def op_copy(self, slot: int, path: Tuple[str, ...]) -> None:
        """Copy the target both ways; compare copies with it and with each other."""
        target = self.resolve_or_observe(slot, path)
        if target is MISSING:
            return
        self.script.append("copy.copy(%s), copy.deepcopy(%s)" % ((_path_text(slot, path),) * 2))
        try:
            first, second, deep = copy.copy(target), copy.copy(target), copy.deepcopy(target)
        except Exception as error:
            self.observe("copy", normalise(error))
            return
        self.observe("copies compare", [
            first == target, target == first, second == target, first == second, deep == target,
            type(first) is type(target), issubclass(type(first), type(target)),
        ])

    async def op_attach(self, slot: int, name: str) -> None:
        self.script.append("m2.attach_mock(m%d, %r)" % (slot, name))
        self._attempt("attach", self.slots[2].attach_mock, self.slots[slot], name)

    async def op_assert(self, slot: int, path: Tuple[str, ...], name: str, payload: Tuple[Any, ...]) -> None:
        args, kwargs, text = _assertion_arguments(name, payload, self.ns.call)
        self.script.append("%s.%s(%s)" % (_path_text(slot, path), name, text))
        target = self.resolve_or_observe(slot, path)
        if target is MISSING:
            return
        try:
            getattr(target, name)(*args, **kwargs)
        except Exception as error:
            self.observe(name, _assertion_outcome(target, name, error))
        else:
            self.observe(name, "passed")

    def _attempt(self, label: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            function(*args, **kwargs)
        except Exception as error:
            self.observe(label, normalise(error))


def _assertion_arguments(name: str, payload: Tuple[Any, ...], call: Any) -> Tuple[Tuple[Any, ...], Dict[str, Any], str]:
    """The arguments to give assertion *name*, and how they read in a script."""
    if name in ARG_ASSERTIONS:
        args, kwargs = ASSERT_ARGUMENTS[payload[0]]
        return args, kwargs, render_args(args, kwargs)
    if name in LIST_ASSERTIONS:
        picks, any_order = payload
        expected = [call(*ASSERT_ARGUMENTS[i][0], **ASSERT_ARGUMENTS[i][1]) for i in picks]
        text = "[%s], any_order=%s" % (
            ", ".join("call(%s)" % render_args(*ASSERT_ARGUMENTS[i]) for i in picks), any_order)
        return (expected,), {"any_order": any_order}, text
    return (), {}, ""


def _path_text(slot: int, path: Tuple[str, ...]) -> str:
    return ".".join(("m%d" % slot,) + path)


def execute(program: Program, ns: Any) -> Runner:
    """Run *program* on *ns* in a fresh event loop; the runner holds what it saw."""
    runner = Runner(program, ns)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(runner.run())
    finally:
        loop.close()
    return runner


# --- comparing ------------------------------------------------------------------


class Mismatch(NamedTuple):
    """The first observation where the two libraries disagree."""

    program: Program
    index: int
    step: int
    expected: Any
    actual: Any
    script: Sequence[str]

    def describe(self) -> str:
        lines = ["program %s: first difference at step %d" % (self.program.seed, self.step)]
        lines += ["    " + line for line in self.script]
        lines.append("  stdlib:    %r" % (self.expected,))
        lines.append("  asyncmock: %r" % (self.actual,))
        return "\n".join(lines)


def compare(program: Program, reference: Any, candidate: Any) -> Optional[Mismatch]:
    """Run *program* on both namespaces; None if every observation agrees."""
    expected = execute(program, reference)
    actual = execute(program, candidate)
    pairs = list(zip(expected.observations, actual.observations))
    for index, (seen, got) in enumerate(pairs):
        if seen != got:
            return Mismatch(program, index, seen[0], seen, got, expected.script)
    if len(expected.observations) != len(actual.observations):
        index = len(pairs)
        longer = expected if len(expected.observations) > index else actual
        step = longer.observations[index][0]
        return Mismatch(
            program, index, step,
            expected.observations[index:index + 1], actual.observations[index:index + 1],
            expected.script,
        )
    return None


def shrink(mismatch: Mismatch, reference: Any, candidate: Any) -> Mismatch:
    """A shorter program that still disagrees: drop operations while it does."""
    best = mismatch
    ops = list(best.program.ops[:best.step + 1])
    index = len(ops) - 1
    while index >= 0:
        trial = ops[:index] + ops[index + 1:]
        found = compare(best.program._replace(ops=tuple(trial)), reference, candidate)
        if found is not None:
            ops, best = trial, found
        index -= 1
    return best


def fuzz(seed: int, indices: Iterable[int], n_ops: int, reference: Any, candidate: Any) -> List[Mismatch]:
    """Run the programs *indices* of the run *seed*; the shrunk mismatches, one per failing program."""
    found = []
    for index in indices:
        program = generate(program_seed(seed, index), n_ops)
        mismatch = compare(program, reference, candidate)
        if mismatch is not None:
            found.append(shrink(mismatch, reference, candidate))
    return found
