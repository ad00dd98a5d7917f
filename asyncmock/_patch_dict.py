"""``patch.dict``: set values in a mapping (or the one an import path names) for a test, then restore it."""
import contextlib
import functools
import inspect
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Optional, Type, TypeVar, overload

from ._checks import refuse
from ._compat import resolve_name
from ._patch_base import Startable, wrap_async_generator

if TYPE_CHECKING:  # pragma: no cover
    from typing import Literal  # 3.8+, as are type checkers' targets

__all__ = ["PatchDict"]

_TT = TypeVar("_TT", bound=Type[Any])
_F = TypeVar("_F", bound=Callable[..., Any])


class PatchDict(Startable):
    """``patch.dict``: set values in a mapping for a test, then restore it."""

    #: What ``TEST_PREFIX`` is read from when a class is decorated: ``patch``,
    #: set by ``_patch`` (which sits above this module), so that a prefix
    #: set on ``patch`` holds here too.
    prefix_owner = None  # type: Any

    def __init__(self, in_dict: Any, values: Any = (), clear: bool = False, **kwargs: Any) -> None:
        if not isinstance(in_dict, str):
            _check_mapping(in_dict)
        try:
            values = dict(values)
        except (TypeError, ValueError):
            refuse(
                "patch.dict() values", "a mapping or an iterable of (key, value) pairs", values
            )
        self.in_dict = in_dict
        self.values = values
        self.values.update(kwargs)
        self.clear = clear
        self._original = None  # type: Optional[Dict[Any, Any]]

    @overload
    def __call__(self, func: _TT) -> _TT: ...
    @overload
    def __call__(self, func: _F) -> _F: ...

    def __call__(self, func: Any) -> Any:
        if isinstance(func, type):
            return self.decorate_class(func)
        if not callable(func):
            refuse("patch.dict() can only decorate a function or a class:", "callable", func)
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def patched(*args: Any, **kwargs: Any) -> Any:
                self._patch_dict()
                try:
                    return await func(*args, **kwargs)
                finally:
                    self._unpatch_dict()

            return patched
        if inspect.isasyncgenfunction(func):
            return wrap_async_generator(func, self._entered)

        @functools.wraps(func)
        def patched_sync(*args: Any, **kwargs: Any) -> Any:
            self._patch_dict()
            try:
                return func(*args, **kwargs)
            finally:
                self._unpatch_dict()

        return patched_sync

    @contextlib.contextmanager
    def _entered(self, patched: Any, args: Any, kwargs: Any) -> "Iterator[Any]":
        self._patch_dict()
        try:
            yield args, kwargs
        finally:
            self._unpatch_dict()

    def decorate_class(self, klass: _TT) -> _TT:
        for name in dir(klass):
            value = getattr(klass, name)
            if name.startswith(getattr(self.prefix_owner, "TEST_PREFIX")) and hasattr(value, "__call__"):
                setattr(klass, name, PatchDict(self.in_dict, self.values, self.clear)(value))
        return klass

    def __enter__(self) -> Any:
        self._patch_dict()
        self.is_started = True
        return self.in_dict

    def __exit__(self, *exc_info: Any) -> "Literal[False]":
        self.is_started = False
        if self._original is not None:
            self._unpatch_dict()
        return False

    def _patch_dict(self) -> None:
        if isinstance(self.in_dict, str):
            resolved = resolve_name(self.in_dict)
            _check_mapping(resolved)
            self.in_dict = resolved
        in_dict = self.in_dict
        try:
            original = in_dict.copy()
        except AttributeError:  # a mapping without copy(): iterate its keys
            original = {key: in_dict[key] for key in in_dict}
        self._original = original
        try:
            if self.clear:
                _clear(in_dict)
            for key, value in self.values.items():
                try:
                    in_dict[key] = value
                except Exception as exc:
                    raise TypeError("patch.dict() could not set %r: %s" % (key, exc)) from exc
        except BaseException:
            self._unpatch_dict()  # leave the mapping as it was
            self._original = None
            raise

    def _unpatch_dict(self) -> None:
        in_dict, original = self.in_dict, self._original
        _clear(in_dict)
        try:
            in_dict.update(original)
        except AttributeError:
            for key in original:  # type: ignore[union-attr]
                in_dict[key] = original[key]  # type: ignore[index]


def _check_mapping(in_dict: Any) -> None:
    """``patch.dict`` needs something with items it can read, set and delete."""
    needed = ("__getitem__", "__setitem__", "__delitem__", "__iter__")
    if not all(hasattr(in_dict, name) for name in needed):
        refuse("patch.dict() in_dict", "a mapping or the import path of one", in_dict)


def _clear(in_dict: Any) -> None:
    try:
        in_dict.clear()
    except AttributeError:
        for key in list(in_dict):
            del in_dict[key]
