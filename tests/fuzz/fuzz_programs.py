"""Random programs for the differential fuzzer: plain data, made from a seed.

A program is the mocks to create and the operations to run on them, as
tuples and strings, so the same seed always gives the same program, and a
program can be printed, compared and shrunk.

Where asyncmock deliberately differs from the stdlib (README, "Differences
from unittest.mock"), the difference is kept out, with a comment there:

- create_autospec of an async function (gh-137594), AsyncMagicMock children
  (an addition), mocks as specs: SLOT_FACTORIES;
- awaitable side effects (gh-116055), and side effects of no usable kind
  (asyncmock's clearer TypeError at the same point): SIDE_EFFECTS;
- sync mocks that the stdlib takes for coroutine functions (gh-85794):
  fuzzer.Runner.op_getattr;
- reset_mock(return_value=True) reaching children is the same on 3.13 and
  compared as is; magic methods keep their return values (gh-123934, fixed
  after 3.13.0): PLAIN_PATHS.

Class-level operations (a PropertyMock set on ``type(mock)``, read back on a
new mock of the same kind) and copies (``copy.copy``/``copy.deepcopy``
compared with the original) are compared too.
"""
import asyncio
import random
import unittest.mock
from typing import Any, Callable, Dict, List, NamedTuple, Tuple

DEFAULT = unittest.mock.DEFAULT
ANY = unittest.mock.ANY


# --- what programs act on ------------------------------------------------


class Spec:
    """The spec of spec'd mocks: async and sync methods of each binding kind."""

    attr = "class attribute"

    def __init__(self, name="spec"):
        self.name = name

    async def fetch(self, a, b=None):
        return ("fetch", a, b)

    def close(self):
        return "closed"

    @classmethod
    async def create(cls, a):
        return ("create", a)

    @staticmethod
    def helper(a):
        return ("helper", a)


def sync_echo(*args, **kwargs):
    """A sync side effect or wrapped function: says what it got."""
    return ("sync", args, sorted(kwargs.items()))


async def async_echo(*args, **kwargs):
    """An async side effect or wrapped function; yields to the loop once."""
    await asyncio.sleep(0)
    return ("async", args, sorted(kwargs.items()))


def sync_default(*args, **kwargs):
    """A side effect that defers to ``return_value``."""
    return DEFAULT


async def async_default(*args, **kwargs):
    return DEFAULT


def sync_raise(*args, **kwargs):
    raise RuntimeError("raised by sync_raise%r" % (args,))


async def async_raise(*args, **kwargs):
    raise RuntimeError("raised by async_raise%r" % (args,))


FUNCTIONS = {
    f.__name__: f
    for f in (sync_echo, async_echo, sync_default, async_default, sync_raise, async_raise)
}
EXCEPTIONS = {e.__name__: e for e in (KeyError, ValueError, RuntimeError, ConnectionError)}

#: Mock constructors, by slot.  Slot 0 is an AsyncMock, slot 1 a spec'd mock,
#: slot 2 the manager that attach_mock attaches the others to.  Not generated:
#: AsyncMagicMock (the stdlib has none), NonCallableMagicMock in ``async with``
#: and mocks as specs (deliberate differences), create_autospec of an async
#: function (asyncmock records the call when made, gh-137594; the stdlib only
#: when awaited, so every call left unawaited would differ), a sync function
#: as spec (asyncmock's mock is no coroutine function, gh-85794).
SLOT_FACTORIES = {
    "AsyncMock()": lambda ns: ns.AsyncMock(),
    "AsyncMock(name='db')": lambda ns: ns.AsyncMock(name="db"),
    "AsyncMock(return_value=5)": lambda ns: ns.AsyncMock(return_value=5),
    "AsyncMock(wraps=async_echo)": lambda ns: ns.AsyncMock(wraps=async_echo),
    "AsyncMock(wraps=sync_echo)": lambda ns: ns.AsyncMock(wraps=sync_echo),
    "AsyncMock(spec=Spec)": lambda ns: ns.AsyncMock(spec=Spec),
    "AsyncMock(spec_set=Spec)": lambda ns: ns.AsyncMock(spec_set=Spec),
    "AsyncMock(spec=Spec('instance'))": lambda ns: ns.AsyncMock(spec=Spec("instance")),
    "MagicMock(spec=Spec)": lambda ns: ns.MagicMock(spec=Spec),
    "MagicMock(spec_set=Spec)": lambda ns: ns.MagicMock(spec_set=Spec),
    "Mock(spec=Spec)": lambda ns: ns.Mock(spec=Spec),
    "create_autospec(Spec, instance=True)": lambda ns: ns.create_autospec(Spec, instance=True),
    "create_autospec(Spec)": lambda ns: ns.create_autospec(Spec),
    "MagicMock()": lambda ns: ns.MagicMock(),
    "Mock()": lambda ns: ns.Mock(),
    "MagicMock(name='manager')": lambda ns: ns.MagicMock(name="manager"),
}  # type: Dict[str, Callable[[Any], Any]]
SLOT_CHOICES = (
    (
        "AsyncMock()", "AsyncMock(name='db')", "AsyncMock(return_value=5)",
        "AsyncMock(wraps=async_echo)", "AsyncMock(wraps=sync_echo)", "AsyncMock(spec=Spec)",
    ),
    (
        "AsyncMock(spec=Spec)", "AsyncMock(spec_set=Spec)", "AsyncMock(spec=Spec('instance'))",
        "MagicMock(spec=Spec)", "MagicMock(spec_set=Spec)", "Mock(spec=Spec)",
        "create_autospec(Spec, instance=True)", "create_autospec(Spec)", "MagicMock()",
    ),
    ("MagicMock()", "Mock()", "MagicMock(name='manager')"),
)

#: Not generated: magic methods with a default return value (``__len__``...).
#: The reference interpreter, 3.13.0, resets it on ``reset_mock(return_value=True)``
#: of the parent; 3.13.1+ keeps it (gh-123934), as asyncmock does.
PLAIN_PATHS = (
    ("child",), ("child", "leaf"), ("return_value",), ("return_value", "json"), ("__aenter__",),
)
MAGIC_NAMES = ("__aenter__",)
SPEC_PATHS = (("fetch",), ("close",), ("create",), ("helper",), ("attr",), ("missing",))
MANAGER_PATHS = (("first",), ("second",), ("first", "child"))
ATTACH_NAMES = ("first", "second")

#: Arguments for calls and for the assertions that take some.  ``a``/``b``
#: fit Spec.fetch; ``k`` does not, so spec'd assertions meet binding errors.
ARGUMENTS = (
    ((), {}),
    ((1,), {}),
    ((2,), {}),
    ((1, 2), {}),
    ((1,), {"k": 1}),
    ((), {"a": 1}),
    ((), {"a": 1, "b": 2}),
    (("x",), {}),
)
ASSERT_ARGUMENTS = ARGUMENTS + (((ANY,), {}), ((1,), {"k": ANY}))

NO_ARG_ASSERTIONS = (
    "assert_awaited", "assert_awaited_once", "assert_not_awaited",
    "assert_called", "assert_called_once", "assert_not_called",
)
ARG_ASSERTIONS = (
    "assert_awaited_with", "assert_awaited_once_with", "assert_any_await",
    "assert_called_with", "assert_called_once_with", "assert_any_call",
)
LIST_ASSERTIONS = ("assert_has_awaits", "assert_has_calls")

#: Return values: plain data, and sentinels (the same objects in both libraries).
RETURN_VALUES = (
    ("lit", 7), ("lit", "text"), ("lit", None), ("lit", (1, "a")), ("sentinel", "result"),
)

#: Side effects of every accepted kind.  Not generated, as deliberate
#: differences: ``DEFAULT`` (asyncmock: no side effect; stdlib: fails when
#: awaited) and values that are neither exception, iterable nor callable
#: (asyncmock refuses them when set; the stdlib fails when awaited).  Nor
#: awaitable objects or objects with an ``async def __call__`` (asyncmock
#: awaits them, fixing gh-116055).
SIDE_EFFECTS = (
    ("none",),
    ("exc_class", "KeyError"),
    ("exc_class", "ConnectionError"),
    ("exc", "ValueError", "bad value"),
    ("list", (("lit", 1), ("exc", "RuntimeError", "second"), ("lit", "three"))),
    ("list", (("lit", 1), ("default",))),
    ("list", (("exc_class", "KeyError"), ("sentinel", "after"))),
    ("list", ()),
    ("str", "ab"),
    ("fn", "sync_echo"),
    ("fn", "async_echo"),
    ("fn", "sync_default"),
    ("fn", "async_default"),
    ("fn", "sync_raise"),
    ("fn", "async_raise"),
)


def build(desc: Tuple[Any, ...], ns: Any) -> Any:
    """A fresh object for the value description *desc*."""
    tag = desc[0]
    if tag == "lit":
        return desc[1]
    if tag == "sentinel":
        return getattr(ns.sentinel, desc[1])
    if tag == "default":
        return ns.DEFAULT
    if tag == "none":
        return None
    if tag == "exc_class":
        return EXCEPTIONS[desc[1]]
    if tag == "exc":
        return EXCEPTIONS[desc[1]](desc[2])
    if tag == "list":
        return [build(item, ns) for item in desc[1]]
    if tag == "str":
        return desc[1]
    if tag == "fn":
        return FUNCTIONS[desc[1]]
    raise ValueError("unknown value description %r" % (desc,))


def render_value(desc: Tuple[Any, ...]) -> str:
    """The value description *desc* as Python source, for printed programs."""
    tag = desc[0]
    if tag in ("lit", "str"):
        return repr(desc[1])
    if tag == "sentinel":
        return "sentinel." + desc[1]
    if tag == "default":
        return "DEFAULT"
    if tag == "none":
        return "None"
    if tag in ("exc_class", "fn"):
        return desc[1]
    if tag == "exc":
        return "%s(%r)" % (desc[1], desc[2])
    return "[" + ", ".join(render_value(item) for item in desc[1]) + "]"


def render_args(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> str:
    """Call arguments as Python source, for printed programs."""
    parts = ["ANY" if a is ANY else repr(a) for a in args]
    parts += ["%s=%s" % (k, "ANY" if v is ANY else repr(v)) for k, v in sorted(kwargs.items())]
    return ", ".join(parts)


# --- programs --------------------------------------------------------------


class Op(NamedTuple):
    """One operation: its kind and its (plain data) parameters."""

    kind: str
    params: Tuple[Any, ...]


class Program(NamedTuple):
    """What a seed generates: the mocks to create and what to do with them."""

    seed: str
    slots: Tuple[str, ...]
    ops: Tuple[Op, ...]


OP_WEIGHTS = (
    ("call", 30), ("assert", 20), ("configure", 12), ("await_pending", 8),
    ("reset", 6), ("getattr", 6), ("observe", 5), ("attach", 4),
    ("close_pending", 3), ("gather", 3), ("configure_mock", 3), ("class_property", 3), ("copy", 3),
)
OP_KINDS = tuple(kind for kind, _ in OP_WEIGHTS)


def program_seed(seed: int, index: int) -> str:
    """The seed of program *index* in a run seeded with *seed*: each is replayable alone."""
    return "%d:%d" % (seed, index)


def generate(seed: str, n_ops: int = 15) -> Program:
    """The program for *seed*: the same seed always gives the same program."""
    return _Generator(random.Random(seed)).program(seed, n_ops)


class _Generator:
    """Draws operations that mostly revisit the targets and arguments already used.

    Without that locality, most assertions would fail and most awaits would
    hit a fresh mock; with it, programs build up histories worth asserting on.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.slots = tuple(rng.choice(choices) for choices in SLOT_CHOICES)
        self.targets = []  # type: List[Tuple[int, Tuple[str, ...]]]
        self.called = {}  # type: Dict[Tuple[int, Tuple[str, ...]], List[int]]

    def program(self, seed: str, n_ops: int) -> Program:
        kinds = [kind for kind, _ in OP_WEIGHTS]
        weights = [weight for _, weight in OP_WEIGHTS]
        ops = tuple(self.op(self.rng.choices(kinds, weights)[0]) for _ in range(n_ops))
        return Program(seed, self.slots, ops)

    def target(self) -> Tuple[int, Tuple[str, ...]]:
        rng = self.rng
        if self.targets and rng.random() < 0.6:
            return rng.choice(self.targets)
        slot = rng.choice((0, 0, 1, 1, 2))
        if rng.random() < 0.3:
            path = ()  # type: Tuple[str, ...]
        elif slot == 2:
            path = rng.choice(MANAGER_PATHS)
        elif "Spec" in self.slots[slot]:
            path = rng.choice(SPEC_PATHS + PLAIN_PATHS[:2])
        else:
            path = rng.choice(PLAIN_PATHS + SPEC_PATHS[:2])
        self.targets.append((slot, path))
        return slot, path

    def arguments(self, target: Tuple[int, Tuple[str, ...]]) -> int:
        """An index into ASSERT_ARGUMENTS, often one the target was called with."""
        used = self.called.get(target)
        if used and self.rng.random() < 0.6:
            return self.rng.choice(used)
        return self.rng.randrange(len(ASSERT_ARGUMENTS))

    def op(self, kind: str) -> Op:
        rng = self.rng
        if kind == "call":
            target = self.target()
            which = rng.randrange(len(ARGUMENTS))
            self.called.setdefault(target, []).append(which)
            return Op(kind, target + (which, rng.choice(("await", "await", "pend", "close"))))
        if kind == "assert":
            target = self.target()
            group = rng.choice((NO_ARG_ASSERTIONS, ARG_ASSERTIONS, ARG_ASSERTIONS, LIST_ASSERTIONS))
            name = rng.choice(group)
            if group is NO_ARG_ASSERTIONS:
                payload = ()  # type: Tuple[Any, ...]
            elif group is ARG_ASSERTIONS:
                payload = (self.arguments(target),)
            else:
                picks = tuple(self.arguments(target) for _ in range(rng.randrange(4)))
                payload = (picks, rng.random() < 0.4)
            return Op(kind, target + (name, payload))
        if kind in ("configure", "configure_mock"):
            target = self.target()
            # A configured return value of a magic method: the same 3.13.0
            # difference as for __len__ above (gh-123934).
            if rng.random() < 0.5 and not set(MAGIC_NAMES) & set(target[1]):
                attribute, value = "return_value", rng.choice(RETURN_VALUES)
            else:
                attribute, value = "side_effect", rng.choice(SIDE_EFFECTS)
            return Op(kind, target + (attribute, value))
        if kind == "reset":
            return Op(kind, self.target() + (rng.random() < 0.3, rng.random() < 0.3))
        if kind in ("getattr", "observe", "copy"):
            return Op(kind, self.target())
        if kind == "class_property":
            return Op(kind, self.target() + (rng.choice(RETURN_VALUES),))
        if kind == "attach":
            return Op(kind, (rng.choice((0, 1)), rng.choice(ATTACH_NAMES)))
        if kind in ("await_pending", "close_pending"):
            return Op(kind, (rng.randrange(8),))
        return Op(kind, ())
