"""The sync half of every mock, as the newest stdlib (3.15) has it, on every version.

Older interpreters' ``unittest.mock`` records calls, words its assertion
messages, guards assertion typos and sets attributes in older ways; these
mixins give our mocks the newest behaviour everywhere.  The async half
(:mod:`._async`) records through the same :func:`~._records.record_call`.
"""
from typing import Any, List
from unittest.util import safe_repr

from ._compat import (
    ALL_MAGICS,
    NO_SIGNATURE_CHECK,
    Call,
    CallList,
    format_call_signature,
    MockMixin,
    is_magic,
    stdlib,
)
from ._checks import check_calls, refuse
from ._magic import magics_of
from ._introspection import is_callable
from ._names import dotted_name
from ._records import is_exception, record_call, record_in_parents
from ._signature import FUNCTION_TYPES

__all__ = ["CallPath", "SyncBehaviour", "extract_mock", "set_parent"]

DEFAULT = stdlib.DEFAULT
_DELETED = stdlib.sentinel.DELETED
_MISSING = stdlib.sentinel.MISSING
#: Magic methods a mock cannot be given.
UNSUPPORTED_MAGICS = frozenset({
    "__getattr__", "__setattr__", "__init__", "__new__", "__prepare__",
    "__instancecheck__", "__subclasscheck__", "__del__",
})
#: Names set on a mock without the checks below (the stdlib's properties).
_ALLOWED = frozenset(getattr(stdlib, "_allowed_names"))


def extract_mock(obj: Any) -> Any:
    """The mock behind an autospecced function, else *obj* itself."""
    if isinstance(obj, FUNCTION_TYPES) and hasattr(obj, "mock"):
        return obj.mock
    return obj


def set_parent(parent: Any, value: Any, name: "Any", new_name: "Any") -> bool:
    """Make *value* a child of *parent* if it is a mock no one owns yet; say whether it did.

    A mock already named or parented keeps its place, and a mock is never
    made a child of one of its own descendants.
    """
    value = extract_mock(value)
    if not isinstance(value, stdlib.NonCallableMock):
        return False
    state = value.__dict__
    if (
        state.get("_mock_name") or state.get("_mock_new_name")
        or state.get("_mock_parent") is not None or state.get("_mock_new_parent") is not None
    ):
        return False
    ancestor = parent
    while ancestor is not None:
        if ancestor is value:
            return False
        ancestor = ancestor._mock_new_parent
    value._mock_new_parent = parent  # every caller names the new child
    value._mock_new_name = new_name
    if name:
        value._mock_parent = parent
        value._mock_name = name
    return True


def _as_method(name: str, func: Any) -> Any:
    """A real function calling *func* with the instance first: a magic method set on the class."""
    def method(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    method.__name__ = name
    return method


class SyncBehaviour(MockMixin):
    """Attributes, records and call assertions of every mock, as the newest stdlib."""

    # --- the return value ---------------------------------------------------

    @property
    def return_value(self) -> Any:
        """What a call returns; a child mock made on first use (not with ``wraps``)."""
        state = self.__dict__
        delegate = state["_mock_delegate"]
        value = state["_mock_return_value"] if delegate is None else delegate.return_value
        if value is DEFAULT and state["_mock_wraps"] is None:
            value = self._get_child_mock(_new_parent=self, _new_name="()")
            self.return_value = value
        return value

    @return_value.setter
    def return_value(self, value: Any) -> None:
        delegate = self.__dict__["_mock_delegate"]
        if delegate is not None:
            delegate.return_value = value
            return
        self.__dict__["_mock_return_value"] = value
        set_parent(self, value, None, "()")

    # --- attributes ----------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _ALLOWED:
            object.__setattr__(self, name, value)
            return
        state = self.__dict__
        methods = state.get("_mock_methods")
        if state.get("_spec_set") and methods is not None and name not in methods and name not in state:
            raise AttributeError("Mock object has no attribute '%s'" % name)
        if name in UNSUPPORTED_MAGICS:
            raise AttributeError("Attempting to set unsupported magic method %r." % name)
        if name in ALL_MAGICS:
            if methods is not None and name not in methods:
                raise AttributeError("Mock object has no attribute '%s'" % name)
            if not isinstance(value, stdlib.NonCallableMock):
                type.__setattr__(type(self), name, _as_method(name, value))
                function = value
                value = lambda *args, **kw: function(self, *args, **kw)  # noqa: E731
            else:
                # Only a new name: mock_calls records it, method_calls does not.
                set_parent(self, value, None, name)
                type.__setattr__(type(self), name, value)
                state["_mock_children"][name] = value
        elif name == "__class__":
            state["_spec_class"] = value
            return
        elif set_parent(self, value, name, name):
            state["_mock_children"][name] = value
        if state.get("_mock_sealed") and not hasattr(self, name):
            raise AttributeError("Cannot set %s.%s" % (dotted_name(self), name))
        if isinstance(value, stdlib.PropertyMock):
            state[name] = value  # kept as a value, not called as a descriptor
            return
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        klass = type(self)
        state = self.__dict__
        if name in ALL_MAGICS and name in klass.__dict__:
            type.__delattr__(klass, name)
            if name in magics_of(klass):
                type.__setattr__(klass, "_asyncmock_magics", magics_of(klass) - {name})
            if name not in state:
                return  # a magic method that was only ever on the class
        children = state["_mock_children"]
        found = children.get(name, _MISSING)
        if name in state:
            object.__delattr__(self, name)
        elif found is _DELETED:
            raise AttributeError(name)
        if found is not _MISSING:
            del children[name]
        children[name] = _DELETED

    def __dir__(self) -> "List[str]":
        """Filtered as the stdlib filters it (``FILTER_DIR``); ours honoured too."""
        import sys

        if not (stdlib.FILTER_DIR and getattr(sys.modules.get("asyncmock"), "FILTER_DIR", True)):
            # Everything, as the stdlib shows it, but for asyncmock's private machinery.
            return [name for name in object.__dir__(self) if not name.startswith("_asyncmock_")]
        state = self.__dict__
        names = set(state.get("_mock_methods") or ())
        names.update(name for name in dir(type(self)) if not name.startswith("_"))
        # A sync mock keeps its function spec's __code__ out of sight, as the stdlib has none.
        names.update(
            name for name in state if not name.startswith("_") or (is_magic(name) and name != "__code__")
        )
        # An async mock's function attributes, on the stdlib's instance, are on our class.
        names.update(getattr(type(self), "_asyncmock_function_names", ()))
        names.update(name for name, child in state["_mock_children"].items() if child is not _DELETED)
        return sorted(names)

    def attach_mock(self, mock: Any, attribute: str) -> None:
        """Make *mock* the attribute *attribute*, so its calls are recorded here too."""
        inner = extract_mock(mock)
        # Refused before anything changes (the stdlib fails half way).
        if not isinstance(inner, stdlib.NonCallableMock):
            refuse("attach_mock() mock", "a mock", mock, AttributeError)
        if not isinstance(attribute, str):
            refuse("attach_mock() attribute", "a str", attribute)
        inner._mock_parent = None
        inner._mock_new_parent = None
        inner._mock_name = ""
        inner._mock_new_name = None
        setattr(self, attribute, mock)

    def _extract_mock_name(self) -> str:
        """The mock's name as its repr and messages show it: ``mock.client.get()``."""
        return dotted_name(self)

    # --- matching -------------------------------------------------------------

    def _call_matcher(self, _call: Any) -> Any:
        """*_call* bound to the spec's signature, so ``f(1)`` matches ``f(a=1)``.

        Named calls use the signature of the child their name reaches; a call
        the signature refuses gives the TypeError, for the message.
        """
        if isinstance(_call, tuple) and len(_call) > 2:
            sig = self._get_call_signature_from_name(_call[0])
        else:
            sig = self._spec_signature
        if sig is None:
            return _call
        if len(_call) == 2:
            name, (args, kwargs) = "", _call
        else:
            name, args, kwargs = _call
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as error:
            return error.with_traceback(None)
        # The stdlib's key: call(name, args, kwargs), a call whose arguments
        # are the three parts (messages show it so).
        return Call(("", (name, bound.args, bound.kwargs), {}), name="()")

    def _format_mock_call_signature(self, args: Any, kwargs: Any) -> str:
        return format_call_signature(self._mock_name or "mock", args, kwargs)

    def _calls_repr(self) -> str:  # type: ignore[override, unused-ignore]  # typeshed: 3.8-3.12 took a prefix
        calls = self.mock_calls
        return "\nCalls: %s." % safe_repr(calls) if calls else ""

    def _format_mock_failure_message(self, args: Any, kwargs: Any, action: str = "call") -> str:
        return "expected %s not found.\nExpected: %s\n  Actual: %s" % (
            action, self._format_mock_call_signature(args, kwargs),
            self._format_mock_call_signature(*self.call_args),
        )

    # --- call assertions -----------------------------------------------------

    def assert_not_called(self) -> None:
        """Assert the mock was never called."""
        __tracebackhide__ = True
        if self.call_count != 0:
            raise AssertionError(
                "Expected '%s' to not have been called. Called %s times.%s"
                % (self._mock_name or "mock", self.call_count, self._calls_repr())
            )

    def assert_called(self) -> None:
        """Assert the mock was called at least once."""
        __tracebackhide__ = True
        if self.call_count == 0:
            raise AssertionError("Expected '%s' to have been called." % (self._mock_name or "mock"))

    def assert_called_once(self) -> None:
        """Assert the mock was called exactly once."""
        __tracebackhide__ = True
        if self.call_count != 1:
            raise AssertionError(
                "Expected '%s' to have been called once. Called %s times.%s"
                % (self._mock_name or "mock", self.call_count, self._calls_repr())
            )

    def assert_called_with(*args: Any, **kwargs: Any) -> None:
        """Assert the last call was made with these arguments."""
        __tracebackhide__ = True
        self, args = args[0], args[1:]  # 'self' may be one of the expected keywords
        if self.call_args is None:
            raise AssertionError(
                "expected call not found.\nExpected: %s\n  Actual: not called."
                % self._format_mock_call_signature(args, kwargs)
            )
        expected = self._call_matcher(Call((args, kwargs), two=True))
        if self._call_matcher(self.call_args) != expected:
            cause = expected if isinstance(expected, Exception) else None
            raise AssertionError(self._format_mock_failure_message(args, kwargs)) from cause

    def assert_called_once_with(*args: Any, **kwargs: Any) -> None:
        """Assert the mock was called exactly once, with these arguments."""
        __tracebackhide__ = True
        self, args = args[0], args[1:]
        if self.call_count != 1:
            raise AssertionError(
                "Expected '%s' to be called once. Called %s times.%s"
                % (self._mock_name or "mock", self.call_count, self._calls_repr())
            )
        self.assert_called_with(*args, **kwargs)

    def assert_has_calls(self, calls: Any, any_order: bool = False) -> None:
        """Assert these calls are in ``mock_calls``: in a row, or in any order if *any_order*."""
        __tracebackhide__ = True
        calls = check_calls("assert_has_calls", calls)
        expected = [self._call_matcher(kall) for kall in calls]
        cause = next((e for e in expected if isinstance(e, Exception)), None)
        actual = CallList(self._call_matcher(kall) for kall in self.mock_calls)
        if not any_order:
            if expected not in actual:
                if cause is None:
                    problem = "Calls not found."
                else:
                    problem = "Error processing expected calls.\nErrors: %s" % (
                        [e if isinstance(e, Exception) else None for e in expected],
                    )
                raise AssertionError(
                    "%s\nExpected: %s\n  Actual: %s"
                    % (problem, CallList(calls), safe_repr(self.mock_calls))
                ) from cause
            return
        remaining = list(actual)
        missing = []
        for kall in expected:
            try:
                remaining.remove(kall)
            except ValueError:
                missing.append(kall)
        if missing:
            raise AssertionError(
                "%r does not contain all of %r in its call list, found %r instead"
                % (self._mock_name or "mock", tuple(missing), remaining)
            ) from cause

    def assert_any_call(*args: Any, **kwargs: Any) -> None:
        """Assert the mock was ever called with these arguments."""
        __tracebackhide__ = True
        self, args = args[0], args[1:]
        expected = self._call_matcher(Call((args, kwargs), two=True))
        cause = expected if isinstance(expected, Exception) else None
        actual = [self._call_matcher(kall) for kall in self.call_args_list]
        if cause is not None or not any(_same_call(expected, kall) for kall in actual):
            raise AssertionError(
                "%s call not found" % self._format_mock_call_signature(args, kwargs)
            ) from cause


def _same_call(expected: Any, actual: Any) -> bool:
    """Compare part by part, the expected side first, so ``ANY`` in it decides."""
    return len(expected) == len(actual) and all(want == got for want, got in zip(expected, actual))


class CallPath(MockMixin):
    """Calling a sync mock: check the signature, record, then run the side effect."""

    def __call__(*args: Any, **kwargs: Any) -> Any:
        self, args = args[0], args[1:]  # 'self' may be one of the call's keywords
        if type(self)._mock_check_sig is not NO_SIGNATURE_CHECK:
            self._mock_check_sig(*args, **kwargs)
        self._increment_mock_call(*args, **kwargs)
        return self._mock_call(*args, **kwargs)

    def _mock_call(*args: Any, **kwargs: Any) -> Any:
        self, args = args[0], args[1:]
        return self._execute_mock_call(*args, **kwargs)

    def _increment_mock_call(*args: Any, **kwargs: Any) -> None:
        self, args = args[0], args[1:]
        state = self.__dict__
        if state["_mock_delegate"] is None:
            record_call(self, args, kwargs)
            state["_mock_call_count"] = len(state["_mock_call_args_list"])
            return
        # An autospecced function's mock: its records live on the function.
        self.called = True
        this_call = Call((args, kwargs), two=True)
        self.call_args = this_call
        self.call_args_list.append(this_call)
        self.call_count = len(self.call_args_list)
        self.mock_calls.append(Call(("", args, kwargs)))
        record_in_parents(self, args, kwargs)

    def _execute_mock_call(*args: Any, **kwargs: Any) -> Any:
        self, args = args[0], args[1:]
        effect = self.side_effect
        if effect is not None:
            if is_exception(effect):
                raise effect
            if not is_callable(effect):
                result = next(effect)
                if is_exception(result):
                    raise result
            else:
                result = effect(*args, **kwargs)
            if result is not DEFAULT:
                return result
        state = self.__dict__
        delegate = state["_mock_delegate"]
        if state["_mock_return_value"] is not DEFAULT or (
            delegate is not None and delegate.return_value is not DEFAULT
        ):
            return self.return_value
        wrapped = state["_mock_wraps"]
        if wrapped is not None:
            return wrapped(*args, **kwargs)
        return self.return_value


# ``inspect.signature(mock)`` shows ``(*args, **kwargs)``, as the stdlib's: the
# annotations are for type checkers.
CallPath.__call__.__annotations__ = {}
