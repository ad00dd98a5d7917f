"""``patch`` as type checkers see it: the function, its attributes and what entering gives.

Read by type checkers only (``asyncmock/__init__.py`` imports it under
``TYPE_CHECKING``), so it costs nothing at run time.  At run time ``patch``
is a plain function with attributes set on it, which type checkers cannot
see; :class:`PatchFunction` describes it in typeshed's shapes.
"""
from typing import TYPE_CHECKING

__all__ = ["PatchFunction", "typed_patch"]

if TYPE_CHECKING:  # empty bodies, as in a stub file
    from typing import Any, Callable, Dict, Generic, Type, TypeVar, Union, overload

    from ._mocks import AsyncMock, MagicMock
    from ._patch import _Patch
    from ._patch_base import patch_stopall
    from ._patch_dict import PatchDict

    _TT = TypeVar("_TT", bound=Type[Any])
    _F = TypeVar("_F", bound=Callable[..., Any])
    _T = TypeVar("_T")
    _Default = Union[MagicMock, AsyncMock]


    class TypedPatch(Generic[_T], _Patch):
        """A patch as type checkers see it: entering or starting it gives a *_T*."""

        def __enter__(self) -> _T: ...
        def start(self) -> _T: ...


    class TypedPatchNew(TypedPatch[_T]):
        """A patch given *new*: as a decorator it adds no argument, so the function keeps its type."""

        @overload
        def __call__(self, func: _TT) -> _TT: ...
        @overload
        def __call__(self, func: _F) -> _F: ...
        def __call__(self, func: Any) -> Any: ...


    _D = TypeVar("_D")


    class TypedPatchDict(Generic[_D], PatchDict):
        """A ``patch.dict`` as type checkers see it: entering or starting it gives the mapping."""

        def __enter__(self) -> _D: ...
        def start(self) -> _D: ...


    class PatchFunction:
        """:func:`patch` as type checkers see it (typeshed's shapes): the function and its attributes.

        With *new*, entering gives its type; with *new_callable*, what it
        returns; with neither, a ``MagicMock`` or an ``AsyncMock``.
        """

        TEST_PREFIX = "test"

        @overload
        def __call__(
            self, target: str, new: _T, spec: Any = ..., create: bool = ..., spec_set: Any = ...,
            autospec: Any = ..., new_callable: None = ..., *, unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatchNew[_T]: ...
        @overload
        def __call__(
            self, target: str, *, spec: Any = ..., create: bool = ..., spec_set: Any = ...,
            autospec: Any = ..., new_callable: "Type[_T]", unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatch[_T]: ...
        @overload
        def __call__(
            self, target: str, *, spec: Any = ..., create: bool = ..., spec_set: Any = ...,
            autospec: Any = ..., new_callable: "Callable[..., _T]", unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatch[_T]: ...
        @overload
        def __call__(
            self, target: str, *, spec: Any = ..., create: bool = ..., spec_set: Any = ...,
            autospec: Any = ..., unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatch[_Default]: ...
        def __call__(self, target: str, *args: Any, **kwargs: Any) -> Any: ...

        @overload
        def object(
            self, target: Any, attribute: str, new: _T, spec: Any = ..., create: bool = ...,
            spec_set: Any = ..., autospec: Any = ..., new_callable: None = ..., *,
            unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatchNew[_T]: ...
        @overload
        def object(
            self, target: Any, attribute: str, *, spec: Any = ..., create: bool = ...,
            spec_set: Any = ..., autospec: Any = ..., new_callable: "Type[_T]",
            unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatch[_T]: ...
        @overload
        def object(
            self, target: Any, attribute: str, *, spec: Any = ..., create: bool = ...,
            spec_set: Any = ..., autospec: Any = ..., new_callable: "Callable[..., _T]",
            unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatch[_T]: ...
        @overload
        def object(
            self, target: Any, attribute: str, *, spec: Any = ..., create: bool = ...,
            spec_set: Any = ..., autospec: Any = ..., unsafe: bool = ..., **kwargs: Any
        ) -> TypedPatch[_Default]: ...
        def object(self, target: Any, attribute: str, *args: Any, **kwargs: Any) -> Any: ...

        @overload
        def dict(
            self, in_dict: str, values: Any = ..., clear: bool = ..., **kwargs: Any
        ) -> TypedPatchDict[Any]: ...
        @overload
        def dict(
            self, in_dict: _D, values: Any = ..., clear: bool = ..., **kwargs: Any
        ) -> TypedPatchDict[_D]: ...
        def dict(self, in_dict: Any, values: Any = ..., clear: bool = ..., **kwargs: Any) -> Any: ...

        def multiple(
            self, target: Any, spec: Any = ..., create: bool = ..., spec_set: Any = ...,
            autospec: Any = ..., new_callable: Any = ..., **kwargs: Any
        ) -> "TypedPatch[Dict[str, Any]]":
            """Entering or starting it gives the mocks it made for ``DEFAULT`` values, by name."""
            ...
        stopall = staticmethod(patch_stopall)


    typed_patch = PatchFunction()
