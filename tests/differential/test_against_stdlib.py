"""Run the same scenarios on CPython 3.13's unittest.mock and on asyncmock.

Each scenario receives a namespace (one of the two modules) and a Recorder,
drives mocks made from that namespace, and records everything it can observe:
results, raised errors and their messages, recorded calls and awaits, and
assertion outcomes.  Both recordings must be identical.  Object ids and
addresses are blanked out, since they differ from run to run.
"""
import inspect
import re
import unittest.mock

import pytest

import _targets
import asyncmock
from asyncmock._features import EXTRA_NAMES
from _support import is_coroutine_function_asyncio, run
from _targets import AsyncResource, Target

CALL_TYPE = type(unittest.mock.call)
SCENARIOS = []


def scenario(function):
    """Register an ``async def scenario(ns, log)`` for the comparison."""
    SCENARIOS.append(function)
    return function


def _blank_ids(text):
    """Remove what differs between two runs of the same code: ids and addresses."""
    text = re.sub(r"id='\d+'", "id=?", text)
    # asyncmock's documented addition to await assertion messages.
    text = re.sub(r"\n[^\n]* called but never awaited: did you forget `await`\?", "", text)
    # A TypeError from inside a method names the method's class: the library's own.
    text = re.sub(r"[\w.]+\.(\w+\(\) argument after)", r"\1", text)
    # 3.15 words this without the full stop; asyncmock has the newest wording.
    text = text.replace("is meant to be an attribute.", "is meant to be an attribute")
    return re.sub(r"0x[0-9a-fA-F]+", "0x?", text)


def normalise(value):
    """A comparable, id-free description of *value*."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return (type(value).__name__, value)
    if isinstance(value, BaseException):
        cause = value.__cause__
        return (
            "exception",
            type(value).__name__,
            _blank_ids(str(value)),
            None if cause is None else type(cause).__name__,
        )
    if isinstance(value, CALL_TYPE):
        return ("call", _blank_ids(repr(value)))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [normalise(item) for item in value])
    if isinstance(value, dict):
        return (
            type(value).__name__,
            sorted((repr(key), normalise(item)) for key, item in value.items()),
        )
    return (type(value).__name__, _blank_ids(repr(value)))


class Recorder(object):
    """Collects (label, observation) pairs from one scenario run."""

    def __init__(self):
        self.entries = []

    def __call__(self, label, value):
        self.entries.append((label, normalise(value)))

    def attempt(self, label, function, *args, **kwargs):
        """Record what ``function(*args, **kwargs)`` returns or raises."""
        try:
            result = function(*args, **kwargs)
        except BaseException as error:
            self(label + " raised", error)
            return None
        self(label + " returned", result)
        return result

    async def attempt_await(self, label, make_awaitable):
        """Record what creating and awaiting ``make_awaitable()`` gives or raises."""
        try:
            result = await make_awaitable()
        except BaseException as error:
            self(label + " raised", error)
            return None
        self(label + " returned", result)
        return result

    def records(self, label, mock):
        """Record the call and await bookkeeping of *mock*."""
        self(label + ".call_count", mock.call_count)
        self(label + ".call_args_list", mock.call_args_list)
        self(label + ".mock_calls", mock.mock_calls)
        self(label + ".await_count", mock.await_count)
        self(label + ".await_args", mock.await_args)
        self(label + ".await_args_list", mock.await_args_list)


ASSERTIONS = (
    ("assert_awaited", (), {}),
    ("assert_awaited_once", (), {}),
    ("assert_not_awaited", (), {}),
    ("assert_awaited_with", (1,), {"k": 2}),
    ("assert_awaited_once_with", (1,), {"k": 2}),
    ("assert_any_await", (1,), {"k": 2}),
    ("assert_any_await", ("absent",), {}),
    ("assert_called", (), {}),
    ("assert_called_once_with", (1,), {"k": 2}),
)


def check_assertions(log, label, mock):
    """Record the outcome of every await assertion against *mock* in its current state."""
    for name, args, kwargs in ASSERTIONS:
        log.attempt("{}.{}{!r}".format(label, name, args), getattr(mock, name), *args, **kwargs)


# --- awaiting plain AsyncMocks ---------------------------------------------


@scenario
async def return_value_and_records(ns, log):
    mock = ns.AsyncMock(return_value=3)
    await log.attempt_await("await", lambda: mock(1, k=2))
    log.records("mock", mock)
    log("await_args.args", mock.await_args.args)
    log("await_args.kwargs", mock.await_args.kwargs)


@scenario
async def default_return_value(ns, log):
    mock = ns.AsyncMock(name="named")
    result = await mock()
    log("result", result)
    log("result is return_value", result is mock.return_value)
    log("repr", mock)


@scenario
async def called_but_not_awaited(ns, log):
    mock = ns.AsyncMock()
    pending = mock("x")
    log("awaitable", inspect.isawaitable(pending))
    log.records("before await", mock)
    check_assertions(log, "before await", mock)
    pending.close()


@scenario
async def awaits_recorded_in_await_order(ns, log):
    mock = ns.AsyncMock()
    first = mock("first")
    second = mock("second")
    await second
    await first
    log.records("mock", mock)
    log("call_args", mock.call_args)


@scenario
async def assertion_outcomes_by_state(ns, log):
    mock = ns.AsyncMock()
    check_assertions(log, "never", mock)
    await mock(1, k=2)
    check_assertions(log, "once", mock)
    await mock(3)
    check_assertions(log, "twice", mock)


@scenario
async def assert_has_awaits_outcomes(ns, log):
    call = ns.call
    mock = ns.AsyncMock()
    for value in (1, 2, 3):
        await mock(value)
    for label, calls, any_order in (
        ("in order", [call(1), call(2)], False),
        ("out of order", [call(2), call(1)], False),
        ("any order", [call(3), call(1)], True),
        ("missing", [call(4)], False),
        ("missing any order", [call(1), call(4)], True),
        ("empty", [], False),
    ):
        log.attempt("assert_has_awaits " + label, mock.assert_has_awaits, calls, any_order=any_order)


@scenario
async def assertion_messages_use_mock_name(ns, log):
    mock = ns.AsyncMock(name="fetch")
    check_assertions(log, "named never", mock)
    await mock()
    await mock()
    check_assertions(log, "named twice", mock)


@scenario
async def assertions_with_any(ns, log):
    mock = ns.AsyncMock()
    await mock(1, k=object())
    log.attempt("awaited_with ANY", mock.assert_awaited_with, 1, k=ns.ANY)
    log.attempt("any_await ANY", mock.assert_any_await, ns.ANY, k=ns.ANY)
    log.attempt("has_awaits ANY", mock.assert_has_awaits, [ns.call(ns.ANY, k=ns.ANY)])


@scenario
async def misspelt_assertion(ns, log):
    mock = ns.AsyncMock()
    log.attempt("assret_awaited", lambda: mock.assret_awaited())
    log.attempt("asert_awaited_once", lambda: mock.asert_awaited_once())


@scenario
async def reset_mock_variants(ns, log):
    mock = ns.AsyncMock(return_value=1, side_effect=[5])
    await mock(1)
    mock.reset_mock()
    log.records("after reset", mock)
    log("return_value kept", mock.return_value)
    await log.attempt_await("side_effect kept", lambda: mock())
    mock.reset_mock(return_value=True, side_effect=True)
    log("return_value after full reset", mock.return_value)
    log("side_effect after full reset", mock.side_effect)


@scenario
async def public_attributes(ns, log):
    # asyncmock's documented additions (waiting, never-awaited calls...) aside.
    def public(mock):
        return [name for name in dir(mock) if not name.startswith("_") and name not in EXTRA_NAMES]

    log("AsyncMock dir", public(ns.AsyncMock()))
    log("MagicMock dir", public(ns.MagicMock()))


@scenario
async def coroutine_function_checks(ns, log):
    for label, obj in (
        ("AsyncMock", ns.AsyncMock()),
        ("MagicMock", ns.MagicMock()),
        ("Mock spec async", ns.Mock(spec=_targets.async_function)),
        ("autospec async", ns.create_autospec(_targets.async_function)),
        ("spec child", ns.MagicMock(spec=Target).async_method),
    ):
        log(label + " inspect", inspect.iscoroutinefunction(obj))
        log(label + " asyncio", is_coroutine_function_asyncio(obj))


# --- side_effect and wraps ---------------------------------------------------


@scenario
async def side_effect_exceptions(ns, log):
    for label, effect in (("class", KeyError), ("instance", KeyError("key"))):
        mock = ns.AsyncMock(side_effect=effect)
        await log.attempt_await(label, lambda: mock(1))
        log.records(label, mock)


@scenario
async def side_effect_iterable(ns, log):
    mock = ns.AsyncMock(side_effect=[1, ValueError("second"), 3])
    for index in range(4):
        await log.attempt_await("await {}".format(index), lambda: mock(index))
    log.records("mock", mock)


@scenario
async def side_effect_functions(ns, log):
    def sync_effect(value):
        return ns.DEFAULT if value == "default" else ("sync", value)

    async def async_effect(value):
        return ("async", value)

    mock = ns.AsyncMock(side_effect=sync_effect, return_value="fallback")
    await log.attempt_await("sync effect", lambda: mock("x"))
    await log.attempt_await("sync effect DEFAULT", lambda: mock("default"))
    mock.side_effect = async_effect
    await log.attempt_await("async effect", lambda: mock("y"))
    log.records("mock", mock)


@scenario
async def wraps_functions(ns, log):
    wrapping_async = ns.AsyncMock(wraps=_targets.async_function)
    await log.attempt_await("wraps async", lambda: wrapping_async(1, 2))
    wrapping_sync = ns.AsyncMock(wraps=_targets.sync_function)
    await log.attempt_await("wraps sync", lambda: wrapping_sync(1))
    wrapping_async.return_value = "override"
    await log.attempt_await("return_value beats wraps", lambda: wrapping_async(1, 2))


# --- parents and children ----------------------------------------------------


@scenario
async def children_recorded_on_parent(ns, log):
    parent = ns.AsyncMock()
    await parent.child.grandchild(1)
    await parent(2)
    log("child type", type(parent.child).__name__)
    log("mock_calls", parent.mock_calls)
    log("method_calls", parent.method_calls)
    log("child repr", parent.child.grandchild)


@scenario
async def attach_mock_records_awaits(ns, log):
    manager = ns.MagicMock()
    first = ns.AsyncMock()
    second = ns.AsyncMock()
    manager.attach_mock(first, "first")
    manager.attach_mock(second, "second")
    await second(2)
    await first(1)
    log("manager.mock_calls", manager.mock_calls)
    log.attempt(
        "has_calls",
        manager.assert_has_calls,
        [ns.call.second(2), ns.call.first(1)],
    )


@scenario
async def magicmock_child_kinds(ns, log):
    mock = ns.MagicMock()
    log("child", mock.child)
    log("aenter", mock.__aenter__)
    log("aiter", mock.__aiter__)
    log("async child of AsyncMock", ns.AsyncMock().child)
    log("sync magic of AsyncMock", ns.AsyncMock().__len__)


# --- spec and autospec -------------------------------------------------------


@scenario
async def spec_on_async_function(ns, log):
    for label, factory in (("Mock", ns.Mock), ("MagicMock", ns.MagicMock), ("AsyncMock", ns.AsyncMock)):
        mock = factory(spec=_targets.async_function)
        log(label + " repr", mock)
        log(label + " is AsyncMock", isinstance(mock, ns.AsyncMock))
        await log.attempt_await(label + " await", lambda: mock(1, 2))
        log.attempt(label + " awaited_with keywords", mock.assert_awaited_with, a=1, b=2)
        log.attempt(label + " awaited_with wrong", mock.assert_awaited_with, 1, 3)
        log.attempt(label + " unknown attribute", lambda: mock.unknown)


@scenario
async def spec_on_class(ns, log):
    for label, factory in (("Mock", ns.Mock), ("MagicMock", ns.MagicMock), ("AsyncMock", ns.AsyncMock)):
        mock = factory(spec=Target)
        for name in ("async_method", "sync_method", "async_classmethod", "async_staticmethod"):
            log("{} {} type".format(label, name), type(getattr(mock, name)).__name__)
        await log.attempt_await(label + " await child", lambda: mock.async_method(1))
        log(label + " mock_calls", mock.mock_calls)
        log.attempt(label + " missing", lambda: mock.missing)


@scenario
async def spec_set_on_class(ns, log):
    mock = ns.MagicMock(spec_set=Target)
    log.attempt("set missing", setattr, mock, "missing", 1)
    log.attempt("set existing", setattr, mock, "class_attribute", 1)
    mock.async_method.return_value = "configured"
    await log.attempt_await("await", lambda: mock.async_method(2))


@scenario
async def mock_add_spec_with_async_methods(ns, log):
    mock = ns.MagicMock()
    mock.mock_add_spec(Target)
    log("async_method", mock.async_method)
    await log.attempt_await("await", lambda: mock.async_method(1))
    log.attempt("missing", lambda: mock.missing)


@scenario
async def autospec_async_function(ns, log):
    mocked = ns.create_autospec(_targets.async_function, return_value="auto")
    log("signature", str(inspect.signature(mocked)))
    await log.attempt_await("good", lambda: mocked(1, 2))
    await log.attempt_await("missing argument", lambda: mocked(1))
    await log.attempt_await("unknown keyword", lambda: mocked(1, 2, d=4))
    log("call_count", mocked.call_count)
    log("await_count", mocked.await_count)
    log("mock_calls", mocked.mock_calls)
    log.attempt("awaited_once_with", mocked.assert_awaited_once_with, 1, 2)
    log.attempt("awaited_with keywords", mocked.assert_awaited_with, a=1, b=2)
    log.attempt("awaited_with wrong", mocked.assert_awaited_with, 1, 3)
    log.attempt("instance=True", ns.create_autospec, _targets.async_function, instance=True)


@scenario
async def autospec_class(ns, log):
    mocked_class = ns.create_autospec(Target)
    instance = mocked_class("name")
    log("instance", instance)
    for name in ("async_method", "sync_method", "async_classmethod", "async_staticmethod"):
        log(name + " type", type(getattr(instance, name)).__name__)
    await log.attempt_await("async_method", lambda: instance.async_method(1, b=2))
    log.attempt("async_method no args", instance.async_method)
    log.attempt("async_method too many", instance.async_method, 1, 2, 3)
    await log.attempt_await("classmethod", lambda: mocked_class.async_classmethod(1))
    log.attempt("classmethod too many", mocked_class.async_classmethod, 1, 2)
    await log.attempt_await("staticmethod", lambda: mocked_class.async_staticmethod(1, 2))
    log.attempt("sync_method", instance.sync_method, 1)
    log("mock_calls", mocked_class.mock_calls)
    log.attempt("constructor too many", mocked_class, 1, 2)


@scenario
async def autospec_instance(ns, log):
    instance = ns.create_autospec(Target, instance=True)
    log.attempt("call instance", instance)
    await log.attempt_await("async_method", lambda: instance.async_method(1))
    callable_instance = ns.create_autospec(_targets.CallableTarget, instance=True)
    log.attempt("call callable instance", callable_instance, 1)
    log.attempt("call callable instance wrong", callable_instance)
    await log.attempt_await("fetch", lambda: callable_instance.fetch("key"))
    log.attempt("missing", lambda: instance.missing)


@scenario
async def autospec_async_context_manager(ns, log):
    resource = ns.create_autospec(AsyncResource)()
    async with resource as entered:
        log("entered", entered)
    log("items", [item async for item in resource])
    log("mock_calls", resource.mock_calls)


# --- patch -------------------------------------------------------------------


@scenario
async def patch_kinds(ns, log):
    module = _targets.MODULE
    with ns.patch(module + ".async_function") as mocked:
        log("async function", mocked)
        await log.attempt_await("await", lambda: _targets.await_async_function(1))
    with ns.patch(module + ".sync_function") as mocked:
        log("sync function", mocked)
    with ns.patch(module + ".async_generator_function") as mocked:
        log("async generator function", mocked)
    with ns.patch.object(Target, "async_classmethod") as mocked:
        log("async classmethod", mocked)
    with ns.patch.multiple(module, async_function=ns.DEFAULT, sync_function=ns.DEFAULT) as mocks:
        log("multiple", mocks)
    with ns.patch(module + ".sync_function", new_callable=ns.AsyncMock) as mocked:
        log("new_callable", mocked)


@scenario
async def patch_autospec(ns, log):
    with ns.patch(_targets.MODULE + ".async_function", autospec=True) as mocked:
        log("iscoroutinefunction", inspect.iscoroutinefunction(mocked))
        await log.attempt_await("good", lambda: _targets.await_async_function(1, 2))
        await log.attempt_await("bad", lambda: _targets.await_async_function())
        log.attempt("awaited_once_with", mocked.assert_awaited_once_with, 1, 2)
    with ns.patch.object(Target, "async_method", autospec=True) as mocked:
        instance = Target()
        await log.attempt_await("method", lambda: instance.async_method(5))
        log("method mock_calls", mocked.mock_calls)


@scenario
async def patch_decorating_coroutine(ns, log):
    @ns.patch(_targets.MODULE + ".async_function", return_value="decorated")
    async def decorated(mocked):
        return await _targets.await_async_function(1), mocked.await_args_list

    log("iscoroutinefunction", inspect.iscoroutinefunction(decorated))
    await log.attempt_await("run", decorated)

    @ns.patch.dict(_targets.SETTINGS, {"mode": "patched"})
    async def with_dict():
        return dict(_targets.SETTINGS)

    await log.attempt_await("patch.dict", with_dict)
    log("after", dict(_targets.SETTINGS))


# --- async magic methods -------------------------------------------------------


@scenario
async def async_with_protocol(ns, log):
    mock = ns.MagicMock()
    mock.__aenter__.return_value = "entered"
    async with mock as entered:
        log("entered", entered)
    log("mock_calls", mock.mock_calls)
    suppressing = ns.MagicMock()
    suppressing.__aexit__.return_value = True
    async with suppressing:
        raise ValueError("swallowed")
    log("suppressing await_args", suppressing.__aexit__.await_args[0][:2])

    async def body():
        async with ns.MagicMock():
            raise KeyError("escapes")

    await log.attempt_await("default aexit", body)


@scenario
async def async_for_protocol(ns, log):
    mock = ns.MagicMock()
    log("default", [item async for item in mock])
    mock.__aiter__.return_value = [1, 2]
    log("list", [item async for item in mock])
    mock.__aiter__.return_value = iter([3])
    log("iterator", [item async for item in mock])
    log("iterator again", [item async for item in mock])
    log("mock_calls", mock.mock_calls)
    mock.__anext__.side_effect = ["a"]
    await log.attempt_await("anext", mock.__anext__)
    await log.attempt_await("anext exhausted", mock.__anext__)


@scenario
async def async_mock_magic_protocols(ns, log):
    mock = ns.AsyncMock()
    async with mock as entered:
        log("entered", entered)
    mock.__aiter__.return_value = "ab"
    log("items", [item async for item in mock])
    log("mock_calls", mock.mock_calls)


# --- seal ----------------------------------------------------------------------


@scenario
async def seal_behaviour(ns, log):
    mock = ns.AsyncMock()
    mock.child.return_value = "child"
    ns.seal(mock)
    log.attempt("new attribute", lambda: mock.unknown)
    log.attempt("grandchild", lambda: mock.child.grandchild)
    log.attempt("assign", setattr, mock, "assigned", 1)
    await log.attempt_await("child", mock.child)
    await log.attempt_await("unconfigured return", mock)
    magic = ns.MagicMock()
    ns.seal(magic)

    async def enter():
        async with magic:
            pass

    await log.attempt_await("async with sealed", enter)
    specced = ns.MagicMock(spec=Target)
    ns.seal(specced)
    log.attempt("sealed spec attribute", lambda: specced.async_method)


@pytest.mark.parametrize("scenario_function", SCENARIOS, ids=[s.__name__ for s in SCENARIOS])
def test_asyncmock_matches_stdlib(scenario_function):
    """asyncmock records exactly what CPython 3.13's unittest.mock records."""
    recordings = []
    for namespace in (unittest.mock, asyncmock):
        log = Recorder()
        run(scenario_function(namespace, log))
        recordings.append(log.entries)
    expected, actual = recordings
    assert actual == expected
