"""``patch`` and friends: replace an attribute for a test, with async-aware mocks.

As ``unittest.mock.patch`` in the newest CPython (3.15), on every version: an
``async def`` target is replaced by an :class:`~asyncmock.AsyncMock`, ``async
def`` functions and async generators can be decorated, and ``autospec`` uses
our ``create_autospec``.

Why not a subclass of the stdlib's ``_patch``: each interpreter's differs in
what we would inherit (async decoration and ``AsyncMock`` targets arrive in
3.8, dotted names resolve through ``pkgutil`` from 3.9, the ``unsafe`` and
spec-typo checks in 3.10-3.11, stopping twice is a no-op from 3.14, lazy
imports in 3.15), so a subclass would behave as its interpreter does, and
overriding every method that differs leaves nothing inherited.  What must be
shared is shared (``_patch_base``): started patches go on the stdlib's own
list, so either library's ``patch.stopall()`` stops both.  ``patch.dict`` is
in ``_patch_dict``.
"""
import builtins
import contextlib
import functools
import inspect
import sys
from types import ModuleType
from typing import (
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    overload,
)

from ._autospec import create_autospec, instances_callable
from ._checks import refuse
from ._compat import InvalidSpecError, LazyImportType, resolve_name, stdlib
from ._mocks import AsyncMock, MagicMock, NonCallableMagicMock, is_async_obj, is_mock
from ._patch_base import Startable, patch_stopall, wrap_async_generator
from ._patch_dict import PatchDict
from ._signature import check_spec_typos

__all__ = ["patch"]

_TT = TypeVar("_TT", bound=Type[Any])
_F = TypeVar("_F", bound=Callable[..., Any])
_R = TypeVar("_R")

DEFAULT = stdlib.DEFAULT
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_RESTORE_BY_SETATTR = ("__doc__", "__module__", "__defaults__", "__annotations__", "__kwdefaults__")


def _split_target(target: Any) -> "Tuple[Callable[[], Any], str]":
    try:
        owner, attribute = target.rsplit(".", 1)
    except (TypeError, ValueError, AttributeError):
        raise TypeError("Need a valid target to patch. You supplied: %r" % (target,)) from None
    return functools.partial(resolve_name, owner), attribute


class _Patch(Startable):
    """One patch: a context manager, a decorator, and ``start``/``stop``."""

    attribute_name = None  # type: Optional[str]

    def __init__(
        self, getter: "Callable[[], Any]", attribute: str, new: Any, spec: Any,
        create: bool, spec_set: Any, autospec: Any, new_callable: Any,
        kwargs: "Dict[str, Any]", unsafe: bool = False,
    ) -> None:
        if new_callable is not None and not callable(new_callable):
            refuse("patch() new_callable", "callable (a mock class, say)", new_callable)
        if new_callable is not None:
            if new is not DEFAULT:
                raise ValueError("Cannot use 'new' and 'new_callable' together")
            if autospec is not None:
                raise ValueError("Cannot use 'autospec' and 'new_callable' together")
        if not unsafe:
            check_spec_typos(kwargs)
        for label, value in (("spec", spec), ("spec_set", spec_set)):
            if is_mock(value):
                raise InvalidSpecError(
                    "Cannot spec attr %r as the %s has already been mocked out. [%s=%r]"
                    % (attribute, label, label, value)
                )
        self.getter = getter
        self.attribute = attribute
        self.new = new
        self.new_callable = new_callable
        self.spec = spec
        self.create = create
        self.has_local = False
        self.spec_set = spec_set
        self.autospec = autospec
        self.kwargs = kwargs
        self.unsafe = unsafe
        self.additional_patchers = []  # type: List[_Patch]

    def copy(self) -> "_Patch":
        twin = _Patch(
            self.getter, self.attribute, self.new, self.spec, self.create,
            self.spec_set, self.autospec, self.new_callable, self.kwargs, self.unsafe,
        )
        twin.attribute_name = self.attribute_name
        twin.additional_patchers = [p.copy() for p in self.additional_patchers]
        return twin

    # --- decorating --------------------------------------------------------

    # A decorated function may take the new mocks as extra arguments, which
    # no annotation can express: type checkers see it take any arguments.
    @overload
    def __call__(self, func: _TT) -> _TT: ...
    @overload
    def __call__(self, func: "Callable[..., _R]") -> "Callable[..., _R]": ...

    def __call__(self, func: Any) -> Any:
        if isinstance(func, type):
            return self.decorate_class(func)
        if not callable(func):
            refuse("patch() can only decorate a function or a class:", "callable", func)
        return self.decorate_callable(func)

    def decorate_class(self, klass: _TT) -> _TT:
        for name in dir(klass):
            if not name.startswith(getattr(patch, "TEST_PREFIX")):
                continue
            value = getattr(klass, name)
            if hasattr(value, "__call__"):
                setattr(klass, name, self.copy()(value))
        return klass

    @contextlib.contextmanager
    def _entered(self, patched: Any, args: "Tuple[Any, ...]", kwargs: "Dict[str, Any]") -> "Iterator[Any]":
        """Enter every patch stacked on *patched*; give the arguments to call it with."""
        extra = []
        with contextlib.ExitStack() as stack:
            for patching in patched.patchings:
                made = stack.enter_context(patching)
                if patching.attribute_name is not None:
                    kwargs.update(made)
                elif patching.new is DEFAULT:
                    extra.append(made)
            yield args + tuple(extra), kwargs

    def decorate_callable(self, func: Any) -> Any:
        if hasattr(func, "patchings"):
            func.patchings.append(self)
            return func
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def patched(*args: Any, **kwargs: Any) -> Any:
                with self._entered(patched, args, kwargs) as (args, kwargs):
                    return await func(*args, **kwargs)

        elif inspect.isasyncgenfunction(func):
            patched = wrap_async_generator(func, self._entered)

        elif inspect.isgeneratorfunction(func):

            @functools.wraps(func)
            def patched(*args: Any, **kwargs: Any) -> Any:
                with self._entered(patched, args, kwargs) as (args, kwargs):
                    return (yield from func(*args, **kwargs))

        else:

            @functools.wraps(func)
            def patched(*args: Any, **kwargs: Any) -> Any:
                with self._entered(patched, args, kwargs) as (args, kwargs):
                    return func(*args, **kwargs)

        patched.patchings = [self]  # type: ignore[attr-defined]
        return patched

    # --- patching ----------------------------------------------------------

    def get_original(self) -> "Tuple[Any, bool]":
        target = self.getter()
        name = self.attribute
        try:
            original = target.__dict__[name]
            local = True
        except (AttributeError, KeyError):
            original = getattr(target, name, DEFAULT)
            local = False
        if (
            LazyImportType is not None and isinstance(original, LazyImportType)
            and any(flag is True for flag in (self.spec, self.spec_set, self.autospec))
        ):
            original = original.resolve()  # as 3.15: a spec reads the real module
        if name in _BUILTINS and isinstance(target, ModuleType):
            self.create = True
        if not self.create and original is DEFAULT:
            raise AttributeError("%s does not have the attribute %r" % (target, name))
        return original, local

    def _make_new(self, original: Any) -> Any:
        """The object patched in when the caller gave none."""
        spec, spec_set, autospec = self.spec, self.spec_set, self.autospec
        kwargs = self.kwargs
        spec = None if spec is False else spec
        spec_set = None if spec_set is False else spec_set
        autospec = None if autospec is False else autospec
        if spec is not None and autospec is not None:
            raise TypeError("Can't specify spec and autospec")
        if (spec is not None or autospec is not None) and spec_set not in (True, None):
            raise TypeError("Can't provide explicit spec_set *and* spec or autospec")

        if autospec is not None:
            if self.new is not DEFAULT:
                raise TypeError(
                    "autospec creates the mock for you. Can't specify autospec and new."
                )
            if original is DEFAULT:
                raise TypeError("Can't use 'autospec' with create=True")
            if autospec is True:
                autospec = original
            if is_mock(self.target):
                raise InvalidSpecError(
                    "Cannot autospec attr %r as the patch target has already been "
                    "mocked out. [target=%r, attr=%r]" % (self.attribute, self.target, autospec)
                )
            if is_mock(autospec):
                raise InvalidSpecError(
                    "Cannot autospec attr %r from target %r as it has already been "
                    "mocked out. [target=%r, attr=%r]"
                    % (self.attribute, getattr(self.target, "__name__", self.target),
                       self.target, autospec)
                )
            return create_autospec(
                autospec, spec_set=bool(spec_set), _name=self.attribute, **kwargs
            )

        if self.new is not DEFAULT:
            if kwargs:
                raise TypeError(
                    "Can't pass kwargs to a mock we aren't creating: %s" % ", ".join(sorted(kwargs))
                )
            return self.new

        if spec is True:
            spec = original
            if spec_set is True:
                spec_set, spec = original, None
        elif spec is not None:
            if spec_set is True:
                spec_set, spec = spec, None
        elif spec_set is True:
            spec_set = original
        this_spec = spec_set if spec_set is not None else spec
        inherit = False
        if this_spec is not None:
            if original is DEFAULT:
                raise TypeError("Can't use 'spec' with create=True")
            inherit = isinstance(original, type)

        if self.new_callable is not None:
            klass = self.new_callable
        elif spec is None and is_async_obj(original):
            klass = AsyncMock
        elif this_spec is not None:
            if type(this_spec) in (list, tuple):
                not_callable = "__call__" not in this_spec
            else:
                not_callable = not callable(this_spec)
            if is_async_obj(this_spec):
                klass = AsyncMock
            elif not_callable:
                klass = NonCallableMagicMock
            else:
                klass = MagicMock
        else:
            klass = MagicMock

        mock_kwargs = {}  # type: Dict[str, Any]
        if spec is not None:
            mock_kwargs["spec"] = spec
        if spec_set is not None:
            mock_kwargs["spec_set"] = spec_set
        if isinstance(klass, type) and issubclass(klass, stdlib.NonCallableMock) and self.attribute:
            mock_kwargs["name"] = self.attribute
        mock_kwargs.update(kwargs)
        new = klass(**mock_kwargs)

        if inherit and is_mock(new):
            # Patching a class with a spec: its instances are spec'd too.
            instance_klass = klass
            if type(this_spec) not in (list, tuple) and not instances_callable(this_spec):
                instance_klass = NonCallableMagicMock
            mock_kwargs.pop("name")
            new.return_value = instance_klass(_new_parent=new, _new_name="()", **mock_kwargs)
        return new

    def __enter__(self) -> Any:
        """Apply the patch; return the new object (or a dict for ``patch.multiple``)."""
        if self.is_started:
            raise RuntimeError("Patch is already started")  # as 3.14
        self.target = self.getter()
        original, local = self.get_original()
        new = self._make_new(original)
        self.temp_original = original
        self.is_local = local
        self._exit_stack = contextlib.ExitStack()
        self.is_started = True
        try:
            setattr(self.target, self.attribute, new)
            if self.attribute_name is None:
                return new
            made = {}
            if self.new is DEFAULT:
                made[self.attribute_name] = new
            for patching in self.additional_patchers:
                more = self._exit_stack.enter_context(patching)
                if patching.new is DEFAULT:
                    made.update(more)
            return made
        except BaseException:
            if not self.__exit__(*sys.exc_info()):  # pragma: no branch - our patches never suppress errors
                raise

    def __exit__(self, *exc_info: Any) -> Any:
        """Undo the patch."""
        if not self.is_started:
            return None
        self.is_started = False
        target, name = self.target, self.attribute
        if self.is_local and self.temp_original is not DEFAULT:
            setattr(target, name, self.temp_original)
        else:
            delattr(target, name)
            if not self.create and (not hasattr(target, name) or name in _RESTORE_BY_SETATTR):
                # proxies (django settings and such) need the value put back
                setattr(target, name, self.temp_original)
        del self.temp_original, self.is_local, self.target
        stack = self._exit_stack
        del self._exit_stack
        return stack.__exit__(*exc_info)



def patch(
    target: str, new: Any = DEFAULT, spec: Any = None, create: bool = False,
    spec_set: Any = None, autospec: Any = None, new_callable: Any = None,
    *, unsafe: bool = False, **kwargs: Any
) -> _Patch:
    """Replace ``target`` (``"package.module.name"``) while a test runs.

    As ``unittest.mock.patch`` in the newest CPython: a decorator (also for
    ``async def`` functions and classes), a context manager, or ``start()``/
    ``stop()``.  With no *new*, an ``async def`` target becomes an
    :class:`~asyncmock.AsyncMock` and anything else a
    :class:`~asyncmock.MagicMock`; ``new_callable=AsyncMock`` chooses the class.
    """
    getter, attribute = _split_target(target)
    return _Patch(
        getter, attribute, new, spec, create, spec_set, autospec, new_callable,
        kwargs, unsafe=unsafe,
    )


def _patch_object(
    target: Any, attribute: str, new: Any = DEFAULT, spec: Any = None,
    create: bool = False, spec_set: Any = None, autospec: Any = None,
    new_callable: Any = None, *, unsafe: bool = False, **kwargs: Any
) -> _Patch:
    """Replace *attribute* of the object *target*; arguments as for :func:`patch`."""
    if type(target) is str:
        raise TypeError(
            "%r must be the actual object to be patched, not a str" % (target,)
        )
    return _Patch(
        lambda: target, attribute, new, spec, create, spec_set, autospec,
        new_callable, kwargs, unsafe=unsafe,
    )


def _patch_multiple(
    target: Any, spec: Any = None, create: bool = False, spec_set: Any = None,
    autospec: Any = None, new_callable: Any = None, **kwargs: Any
) -> _Patch:
    """Patch several attributes of *target* at once: ``patch.multiple(obj, a=DEFAULT, b=2)``."""
    if type(target) is str:
        getter = functools.partial(resolve_name, target)  # type: Callable[[], Any]
    else:
        getter = lambda: target  # noqa: E731
    if not kwargs:
        raise ValueError("Must supply at least one keyword argument with patch.multiple")
    items = list(kwargs.items())
    patchers = []
    for attribute, new in items:
        patcher = _Patch(
            getter, attribute, new, spec, create, spec_set, autospec, new_callable, {}
        )
        patcher.attribute_name = attribute
        patchers.append(patcher)
    first = patchers[0]
    first.additional_patchers.extend(patchers[1:])
    return first


# Type checkers cannot see attributes set on a function: PatchFunction
# (in ``_patch_typing``) describes them, and the package's facade exports it
# as ``patch`` to them.
patch.object = _patch_object  # type: ignore[attr-defined]
patch.dict = PatchDict  # type: ignore[attr-defined]
PatchDict.prefix_owner = patch
patch.multiple = _patch_multiple  # type: ignore[attr-defined]
patch.stopall = patch_stopall  # type: ignore[attr-defined]
patch.TEST_PREFIX = "test"  # type: ignore[attr-defined]

for _public in (patch, _patch_object, _patch_multiple, PatchDict, patch_stopall):
    _public.__module__ = "asyncmock"
