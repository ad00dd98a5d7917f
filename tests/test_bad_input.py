"""Every public entry point, fed wrong types and values: a clear error, nothing lost.

Each case names the entry point and the bad input, the exception a demanding
user expects and a pattern its message must match (the argument's name and
what was expected).  Each case also has a subject: the mock, patch target or
mapping the call could damage.  Its recorded state (calls, awaits, counts,
side_effect, return_value, name, contents) is snapshotted before and after:
a refused input changes nothing.  docs/guarantees-input.md lists the same.
"""
import collections.abc
import unittest.mock
from typing import Any, Callable, Dict, List, NamedTuple, Optional

import pytest

import _targets
from _support import run
from asyncmock import (
    DEFAULT,
    AsyncMagicMock,
    AsyncMock,
    InvalidSpecError,
    MagicMock,
    Mock,
    PropertyMock,
    call,
    create_autospec,
    mock_open,
    patch,
    seal,
    sentinel,
)


# --- what bad input could damage -------------------------------------------


async def fetch(url, *, timeout=10):
    """An async function to autospec."""


def parse(text):
    """A sync function to autospec."""


class Client:
    """A spec with an async method."""

    async def fetch(self, url):
        """Async method."""


class Patchable:
    """A patch target: patch must leave it as it found it when it refuses."""

    value = "original"

    async def fetch(self, url):
        """Async method."""


class StrictEnv(collections.abc.MutableMapping):
    """A mapping that refuses non-str values, as ``os.environ`` does."""

    def __init__(self) -> None:
        self.data = {"KEEP": "kept"}  # type: Dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        self.data[key] = value

    def __delitem__(self, key: str) -> None:
        del self.data[key]

    def __iter__(self) -> Any:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def configured_effect(*args: Any, **kwargs: Any) -> Any:
    """The side effect subjects start with: defers to return_value."""
    return DEFAULT


def with_history(mock: Any) -> Any:
    """*mock* after a call, an await, a call never awaited and a child call, configured."""
    if isinstance(mock, AsyncMock) or isinstance(mock, AsyncMagicMock):
        run(mock(1, key="a"))
        mock("never awaited").close()
        run(mock.fetch("/child"))
    else:
        mock(1, key="a")
        mock.fetch("/child")
    mock.return_value = sentinel.configured
    mock.side_effect = configured_effect
    return mock


def async_mock() -> Any:
    return with_history(AsyncMock(name="db"))


def async_magic_mock() -> Any:
    return with_history(AsyncMagicMock(name="db"))


def spec_async_mock() -> Any:
    return with_history(AsyncMock(spec=Client, name="client"))


def sync_mock() -> Any:
    return with_history(Mock(name="db"))


def magic_mock() -> Any:
    return with_history(MagicMock(name="db"))


def autospecced_fetch() -> Any:
    """``create_autospec(fetch)`` after one awaited call, configured."""
    mocked = create_autospec(fetch)
    run(mocked("/users/1", timeout=1))
    mocked.return_value = sentinel.configured
    return mocked


def autospecced_parse() -> Any:
    mocked = create_autospec(parse)
    mocked("text")
    mocked.return_value = sentinel.configured
    return mocked


def plain_function() -> Any:
    def plain():
        """Not a mock."""
    return plain


RECORDS = ("called", "call_count", "call_args", "call_args_list", "mock_calls", "method_calls")
AWAIT_RECORDS = (
    "await_count", "await_args", "await_args_list", "unawaited_calls", "await_delay", "wait_timeout",
)


def mock_state(mock: Any) -> Dict[str, Any]:
    """Everything a mock has recorded and is configured with, copied."""
    state = {name: _copied(getattr(mock, name)) for name in RECORDS}
    if isinstance(mock, (AsyncMock, AsyncMagicMock)):
        state.update(
            (name, _copied(getattr(mock, name))) for name in AWAIT_RECORDS if hasattr(type(mock), name)
        )
    state["side_effect"] = mock.side_effect
    state["return_value"] = mock.return_value
    state["repr"] = _repr(mock)
    return state


def _repr(mock: Any) -> str:
    """The mock's repr, which shows its name and parent; or how a damaged one fails."""
    try:
        return repr(mock)
    except Exception as error:
        return "repr raised %s: %s" % (type(error).__name__, error)


def _copied(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def snapshot(subject: Any) -> Any:
    """The state of *subject* that a refused call must not change."""
    if subject is None:
        return None
    if isinstance(subject, unittest.mock.NonCallableMock):
        state = mock_state(subject)
        state["child"] = mock_state(subject.fetch)
        return state
    if isinstance(subject, collections.abc.Mapping):
        return dict(subject)
    inner = vars(subject).get("mock")  # create_autospec of a function
    if isinstance(inner, unittest.mock.NonCallableMock):
        return mock_state(inner)
    return dict(vars(subject))


def enter(patcher: Any) -> None:
    """Apply and undo *patcher*, as a ``with`` block would."""
    with patcher:
        pass


# --- the catalogue -------------------------------------------------------------


class Case(NamedTuple):
    """One bad input: what to build, what to do with it, what must be raised."""

    id: str
    subject: Optional[Callable[[], Any]]
    action: Callable[[Any], Any]
    error: type
    match: str


CASES = []  # type: List[Case]


def case(id: str, subject: Optional[Callable[[], Any]], action: Callable[[Any], Any],
         error: type, match: str) -> None:
    CASES.append(Case(id, subject, action, error, match))


SIDE_EFFECT_KINDS = r"side_effect must be an exception .*, an iterable, a callable"


def _set(name: str, value: Any) -> Callable[[Any], Any]:
    return lambda mock: setattr(mock, name, value)


# Constructors.
case("AsyncMock(spec=a mock)", async_mock, lambda mock: AsyncMock(spec=mock),
     InvalidSpecError, r"Cannot spec a Mock object")
case("MagicMock(spec_set=a mock)", magic_mock, lambda mock: MagicMock(spec_set=mock),
     InvalidSpecError, r"Cannot spec a Mock object")

# side_effect and return_value setters (every return_value is accepted).

# configure_mock.
case("configure_mock(positional)", async_mock, lambda mock: mock.configure_mock({"return_value": 1}),
     TypeError, r"configure_mock\(\) takes 1 positional argument but 2 were given")
case("configure_mock(**{'missing.return_value': 1}) on a spec'd mock", spec_async_mock,
     lambda mock: mock.configure_mock(**{"missing.return_value": 1}),
     AttributeError, r"has no attribute 'missing'")

# Assertions given nonsense.
CALLS_EXPECTED = r"calls must be a list of call objects"
case("assert_has_awaits(42)", async_mock, lambda mock: mock.assert_has_awaits(42),
     TypeError, r"assert_has_awaits\(\) " + CALLS_EXPECTED + r".*; got 42 \(int\)")
case("assert_has_awaits(None)", async_mock, lambda mock: mock.assert_has_awaits(None),
     TypeError, r"assert_has_awaits\(\) " + CALLS_EXPECTED + r".*; got None \(NoneType\)")
case("assert_has_calls(42)", sync_mock, lambda mock: mock.assert_has_calls(42),
     TypeError, r"assert_has_calls\(\) " + CALLS_EXPECTED + r".*; got 42 \(int\)")
case("assert_awaited(1)", async_mock, lambda mock: mock.assert_awaited(1),
     TypeError, r"assert_awaited\(\) takes 1 positional argument but 2 were given")
case("assert_not_awaited('x')", async_magic_mock, lambda mock: mock.assert_not_awaited("x"),
     TypeError, r"assert_not_awaited\(\) takes 1 positional argument but 2 were given")
case("assert_called_once(1)", async_mock, lambda mock: mock.assert_called_once(1),
     TypeError, r"assert_called_once\(\) takes 1 positional argument but 2 were given")
# Each interpreter's own message (README): 3.8 and 3.9 do not name the attribute.
case("assret_awaited() (misspelt)", async_mock, lambda mock: mock.assret_awaited(),
     AttributeError, r"assret")
case("unknown attribute of a spec'd mock", spec_async_mock, lambda mock: mock.missing,
     AttributeError, r"Mock object has no attribute 'missing'")
case("setting an unknown attribute of a spec_set mock", None,
     lambda _: setattr(MagicMock(spec_set=Client), "missing", 1),
     AttributeError, r"Mock object has no attribute 'missing'")

# Awaits under control: delays, timeouts and counts.
case("AsyncMock(await_delay=-1)", None, lambda _: AsyncMock(await_delay=-1),
     ValueError, r"await_delay must be >= 0 seconds; got -1")
case("AsyncMock(await_delay=True)", None, lambda _: AsyncMock(await_delay=True),
     TypeError, r"await_delay must be a number of seconds or None; got True \(bool\)")
case("AsyncMock.await_delay = nan", async_mock, _set("await_delay", float("nan")),
     ValueError, r"await_delay must be >= 0 seconds; got nan")
case("AsyncMock(wait_timeout=-0.5)", None, lambda _: AsyncMock(wait_timeout=-0.5),
     ValueError, r"wait_timeout must be >= 0 seconds; got -0.5")
case("AsyncMock.wait_timeout = '5'", async_mock, _set("wait_timeout", "5"),
     TypeError, r"wait_timeout must be a number of seconds or None; got '5' \(str\)")
case("wait_until_awaited(count=-1)", async_mock, lambda mock: run(mock.wait_until_awaited(count=-1)),
     ValueError, r"count must be >= 0; got -1")
case("wait_until_awaited(count=1.5)", async_mock, lambda mock: run(mock.wait_until_awaited(count=1.5)),
     TypeError, r"count must be an int; got 1.5 \(float\)")
case("wait_until_awaited(timeout=-1)", async_mock,
     lambda mock: run(mock.wait_until_awaited(count=5, timeout=-1)),
     ValueError, r"timeout must be >= 0 seconds; got -1")
case("wait_until_awaited(2) (count given positionally)", async_mock,
     lambda mock: mock.wait_until_awaited(2),
     TypeError, r"wait_until_awaited\(\) takes 1 positional argument but 2 were given")
case("AsyncMock(sync_results='yes')", None, lambda _: AsyncMock(sync_results="yes"),
     TypeError, r"sync_results must be True or False; got 'yes' \(str\)")

# reset_mock.
case("reset_mock(bogus=True)", async_mock, lambda mock: mock.reset_mock(bogus=True),
     TypeError, r"reset_mock\(\) got an unexpected keyword argument 'bogus'")
case("reset_mock(True)", async_mock, lambda mock: mock.reset_mock(True),
     TypeError, r"reset_mock\(\) .*positional.*True.*return_value=True")
case("Mock.reset_mock(True)", sync_mock, lambda mock: mock.reset_mock(True),
     TypeError, r"reset_mock\(\) .*positional.*True.*return_value=True")

# create_autospec.
case("create_autospec(a mock)", async_mock, lambda mock: create_autospec(mock),
     InvalidSpecError, r"Cannot autospec a Mock object")
case("create_autospec(async fn, instance=True)", None, lambda _: create_autospec(fetch, instance=True),
     RuntimeError, r"Instance can not be True when create_autospec is mocking an async function")
case("create_autospec(fn, autospect=True)", None, lambda _: create_autospec(parse, autospect=True),
     RuntimeError, r"'autospect' might be a typo; use unsafe=True")
case("autospecced async function called without its argument", autospecced_fetch,
     lambda mocked: mocked(), TypeError, r"missing a required argument: 'url'")
case("autospecced async function called with too many arguments", autospecced_fetch,
     lambda mocked: mocked("/users/2", 5), TypeError, r"too many positional arguments")
case("autospecced sync function called with an unknown keyword", autospecced_parse,
     lambda mocked: mocked("text", strict=True), TypeError, r"got an unexpected keyword argument 'strict'")

# patch.
TARGET = _targets.MODULE + ".sync_function"
case("patch(42)", None, lambda _: patch(42),
     TypeError, r"Need a valid target to patch. You supplied: 42")
case("patch('nodots')", None, lambda _: patch("nodots"),
     TypeError, r"Need a valid target to patch. You supplied: 'nodots'")
case("patch(missing module)", None, lambda _: enter(patch("asyncmock_no_such_module.name")),
     ImportError, r"No module named 'asyncmock_no_such_module'")
case("patch(missing attribute)", lambda: _targets, lambda _: enter(patch(_targets.MODULE + ".missing")),
     AttributeError, r"does not have the attribute 'missing'")
case("patch(new=..., new_callable=...)", lambda: _targets,
     lambda _: enter(patch(TARGET, new=1, new_callable=Mock)),
     ValueError, r"Cannot use 'new' and 'new_callable' together")
case("patch(autospec=True, new_callable=...)", lambda: _targets,
     lambda _: enter(patch(TARGET, autospec=True, new_callable=Mock)),
     ValueError, r"Cannot use 'autospec' and 'new_callable' together")
case("patch(spec=True, autospec=True)", lambda: _targets,
     lambda _: enter(patch(TARGET, spec=True, autospec=True)),
     TypeError, r"Can't specify spec and autospec")
case("patch(autospec=True, new=...)", lambda: _targets,
     lambda _: enter(patch(TARGET, autospec=True, new=1)),
     TypeError, r"autospec creates the mock for you. Can't specify autospec and new")
case("patch(missing, autospec=True, create=True)", lambda: _targets,
     lambda _: enter(patch(_targets.MODULE + ".missing", autospec=True, create=True)),
     TypeError, r"Can't use 'autospec' with create=True")
case("patch(spec=..., spec_set=object)", lambda: _targets,
     lambda _: enter(patch(TARGET, spec=parse, spec_set=Client)),
     TypeError, r"Can't provide explicit spec_set \*and\* spec or autospec")
case("patch(spec=a mock)", magic_mock, lambda mock: patch(TARGET, spec=mock),
     InvalidSpecError, r"Cannot spec attr 'sync_function' as the spec has already been mocked out")
case("patch(autospect=True)", lambda: _targets, lambda _: enter(patch(TARGET, autospect=True)),
     RuntimeError, r"'autospect' might be a typo")
case("patch(new=..., return_value=...)", lambda: _targets,
     lambda _: enter(patch(TARGET, new=1, return_value=2)),
     TypeError, r"Can't pass kwargs to a mock we aren't creating.*return_value")
case("patch(new_callable=42)", lambda: _targets, lambda _: enter(patch(TARGET, new_callable=42)),
     TypeError, r"new_callable must be callable.*; got 42 \(int\)")
case("patch(...) decorating 42", None, lambda _: patch(TARGET)(42),
     TypeError, r"patch\(\) .*decorate .*function or .*class.*; got 42 \(int\)")

# patch.object and patch.multiple.
case("patch.object('a str', ...)", None, lambda _: patch.object(_targets.MODULE, "sync_function"),
     TypeError, r"'_targets' must be the actual object to be patched, not a str")
case("patch.object(obj, missing)", lambda: Patchable, lambda _: enter(patch.object(Patchable, "missing")),
     AttributeError, r"does not have the attribute 'missing'")
case("patch.multiple(obj) without attributes", lambda: Patchable, lambda _: patch.multiple(Patchable),
     ValueError, r"Must supply at least one keyword argument with patch.multiple")
case("patch.multiple(obj, value=..., missing=...)", lambda: Patchable,
     lambda _: enter(patch.multiple(Patchable, value="patched", missing="x")),
     AttributeError, r"does not have the attribute 'missing'")
case("patch.multiple(obj, value=..., new_callable=...)", lambda: Patchable,
     lambda _: enter(patch.multiple(Patchable, value=1, new_callable=Mock)),
     ValueError, r"Cannot use 'new' and 'new_callable' together")

# patch.dict.
case("patch.dict(42)", None, lambda _: enter(patch.dict(42)),
     TypeError, r"patch\.dict\(\) in_dict must be a mapping.*; got 42 \(int\)")
case("patch.dict(path of a non-mapping)", lambda: _targets, lambda _: enter(patch.dict(_targets.MODULE + ".MODULE")),
     TypeError, r"patch\.dict\(\) in_dict must be a mapping.*; got '_targets' \(str\)")
case("patch.dict(missing module)", None, lambda _: enter(patch.dict("asyncmock_no_such_module.d")),
     ImportError, r"No module named 'asyncmock_no_such_module'")
case("patch.dict({}, 42)", None, lambda _: patch.dict({}, 42),
     TypeError, r"patch\.dict\(\) values must be a mapping or an iterable of \(key, value\) pairs.*; got 42 \(int\)")
case("patch.dict(env, a value the mapping refuses)", StrictEnv,
     lambda env: enter(patch.dict(env, {"GOOD": "1", "BAD": 1})),
     TypeError, r"patch\.dict\(\) could not set 'BAD'.*str expected, not int")
case("patch.dict(env, a value the mapping refuses, clear=True)", StrictEnv,
     lambda env: enter(patch.dict(env, {"BAD": 1}, clear=True)),
     TypeError, r"patch\.dict\(\) could not set 'BAD'.*str expected, not int")
case("patch.dict(...) decorating 42", None, lambda _: patch.dict({})(42),
     TypeError, r"patch\.dict\(\) .*decorate .*function or .*class.*; got 42 \(int\)")

# seal, mock_open, attach_mock, mock_add_spec.
case("seal(42)", None, lambda _: seal(42),
     TypeError, r"seal\(\) mock must be a mock.*; got 42 \(int\)")
case("seal(a function)", plain_function, lambda function: seal(function),
     TypeError, r"seal\(\) mock must be a mock.*; got <function .*plain.*> \(function\)")
case("mock_open(read_data=42)", None, lambda _: mock_open(read_data=42),
     TypeError, r"mock_open\(\) read_data must be a str or bytes.*; got 42 \(int\)")
case("mock_open(mock=a used mock, read_data=42)", magic_mock, lambda mock: mock_open(mock, read_data=42),
     TypeError, r"mock_open\(\) read_data must be a str or bytes.*; got 42 \(int\)")
case("mock_open(mock=42)", None, lambda _: mock_open(mock=42),
     TypeError, r"mock_open\(\) mock must be a mock.*; got 42 \(int\)")
case("attach_mock(42, name)", magic_mock, lambda mock: mock.attach_mock(42, "other"),
     AttributeError, r"attach_mock\(\) mock must be a mock.*; got 42 \(int\)")
case("attach_mock(mock, 42)", async_mock, lambda mock: MagicMock().attach_mock(mock, 42),
     TypeError, r"attach_mock\(\) attribute must be a str.*; got 42 \(int\)")
case("mock_add_spec(a mock)", async_mock, lambda mock: mock.mock_add_spec(Mock()),
     InvalidSpecError, r"Cannot spec a Mock object")

IDS = [c.id for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_bad_input_is_refused_with_a_specific_error_naming_the_argument(case):
    subject = case.subject() if case.subject is not None else None
    with pytest.raises(case.error, match=case.match):
        case.action(subject)


@pytest.mark.parametrize("case", [c for c in CASES if c.subject is not None],
                         ids=[c.id for c in CASES if c.subject is not None])
def test_refused_input_changes_no_recorded_state(case):
    subject = case.subject()
    before = snapshot(subject)
    try:
        case.action(subject)
    except Exception:  # what is raised is the other test's business
        pass
    assert snapshot(subject) == before


def test_the_catalogue_has_one_case_per_id():
    assert len(set(IDS)) == len(IDS)
