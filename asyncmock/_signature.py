"""Signatures: what a spec'd mock accepts, checked when it is called."""
import functools
import inspect
import types
from typing import Any, Dict, Optional, Tuple, cast

from ._compat import signature


__all__ = ["FUNCTION_TYPES", "check_signature", "check_spec_typos", "signature_of"]

FUNCTION_TYPES = (types.FunctionType, types.MethodType)
#: Built-in callables (named in ``types`` only from 3.7).
_BUILTIN_TYPES = (
    types.BuiltinFunctionType, type(object.__init__), type(object().__str__), type(str.join),
)
_BUILTIN_SIGNATURES = {}  # type: Dict[Tuple[Any, bool], Optional[Tuple[Any, inspect.Signature]]]
_SPEC_TYPOS = ("autospect", "auto_spec", "set_spec")


def check_spec_typos(kwargs: "Dict[str, Any]") -> None:
    """Refuse keyword names that are likely misspelt spec arguments."""
    for typo in _SPEC_TYPOS:
        if typo in kwargs:
            raise RuntimeError(
                "%r might be a typo; use unsafe=True if this is intended" % typo
            )


def signature_of(
    func: Any, as_instance: bool, eat_self: bool
) -> "Optional[Tuple[Any, inspect.Signature]]":
    """The callable to copy details from and the signature calls must bind to.

    Classes are checked against ``__init__`` (or ``__call__`` for instances),
    ``self``/``cls`` dropped where the call supplies it.  None if unknown.
    """
    if isinstance(func, type) and not as_instance:
        func = cast(Any, func).__init__  # the class's own, unbound
        eat_self = True
    elif isinstance(func, (classmethod, staticmethod)):
        eat_self = isinstance(func, classmethod)
        func = func.__func__
    elif not isinstance(func, FUNCTION_TYPES):
        try:
            func = func.__call__
        except AttributeError:
            return None
    owner = getattr(func, "__self__", None)
    # Bound to an instance, a built-in would keep it alive (and may not hash).
    builtin = isinstance(func, _BUILTIN_TYPES) and (
        owner is None or isinstance(owner, (type, types.ModuleType))
    )
    if builtin:
        # Built-ins cannot change, and parsing their text signature is what
        # makes ``Mock(spec=SomeClass)`` slow when the class has no __init__.
        key = (func, eat_self)
        if key in _BUILTIN_SIGNATURES:
            return _BUILTIN_SIGNATURES[key]
    target = functools.partial(func, None) if eat_self else func
    try:
        found = func, signature(target)  # type: Optional[Tuple[Any, inspect.Signature]]
    except (ValueError, TypeError):
        found = None
    if builtin:
        _BUILTIN_SIGNATURES[key] = found
    return found


def check_signature(spec: Any, mock: Any, skip_first: bool, instance: bool = False) -> None:
    """Make *mock* refuse, at call time, calls that *spec* would refuse."""
    found = signature_of(spec, instance, skip_first)
    if found is None:
        return
    sig = found[1]

    def _mock_check_sig(_mock_self: Any, *args: Any, **kwargs: Any) -> None:
        sig.bind(*args, **kwargs)

    own_class = type(mock)
    own_class._mock_check_sig = _mock_check_sig
    own_class.__signature__ = sig
