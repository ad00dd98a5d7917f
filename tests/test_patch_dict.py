"""patch.dict: the dict is changed while the patch is active and restored however it ends.

As a decorator of coroutines, plain functions and classes, as a context
manager, and on mappings that are not dicts, each as CPython 3.13 does it.
"""
import asyncio
import contextlib
import inspect

import pytest

import _targets
from asyncmock import patch

SETTINGS = {"mode": "real"}


class MinimalMapping:
    """Item access and iteration only: no copy(), clear() or update()."""

    def __init__(self, **items):
        self._items = dict(items)

    def __getitem__(self, key):
        return self._items[key]

    def __setitem__(self, key, value):
        self._items[key] = value

    def __delitem__(self, key):
        del self._items[key]

    def __iter__(self):
        return iter(list(self._items))

    def as_dict(self):
        return dict(self._items)


# --- around coroutines ------------------------------------------------------------


async def test_patch_dict_decorator_on_coroutine_is_active_while_it_runs():
    """patch.dict decorating an ``async def`` changes the dict while it runs."""

    @patch.dict(_targets.SETTINGS, {"mode": "test"})
    async def decorated():
        await asyncio.sleep(0)
        return dict(_targets.SETTINGS)

    assert await decorated() == {"mode": "test"}
    assert _targets.SETTINGS == {"mode": "real"}


def test_patch_dict_decorator_keeps_coroutine_function():
    """patch.dict decorating an ``async def`` yields a coroutine function."""

    @patch.dict(_targets.SETTINGS, {"mode": "test"})
    async def decorated():
        pass

    assert inspect.iscoroutinefunction(decorated)


async def test_patch_dict_decorator_restores_after_exception():
    """The dict is restored even if the decorated coroutine raises."""

    @patch.dict(_targets.SETTINGS, {"mode": "test"})
    async def decorated():
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        await decorated()
    assert _targets.SETTINGS == {"mode": "real"}


async def test_patch_dict_clear_on_coroutine():
    """clear=True empties the dict for the duration of the coroutine."""

    @patch.dict(_targets.SETTINGS, {"only": 1}, clear=True)
    async def decorated():
        return dict(_targets.SETTINGS)

    assert await decorated() == {"only": 1}
    assert _targets.SETTINGS == {"mode": "real"}


async def test_patch_dict_by_name_as_context_manager():
    """patch.dict accepts a dotted name and works as a context manager in async code."""
    with patch.dict(_targets.MODULE + ".SETTINGS", mode="ctx"):
        await asyncio.sleep(0)
        assert _targets.SETTINGS["mode"] == "ctx"
    assert _targets.SETTINGS == {"mode": "real"}


# --- plain functions, classes, exit stacks, and mappings that are not dicts ---------


def test_patch_dict_decorates_a_plain_function():
    @patch.dict(SETTINGS, mode="test")
    def read_mode():
        return SETTINGS["mode"]

    assert read_mode() == "test"
    assert SETTINGS == {"mode": "real"}


def test_patch_dict_restores_after_a_decorated_function_raises():
    @patch.dict(SETTINGS, mode="test")
    def fail():
        raise ValueError(SETTINGS["mode"])

    with pytest.raises(ValueError, match="test"):
        fail()
    assert SETTINGS == {"mode": "real"}


def test_patch_dict_as_a_class_decorator_patches_each_test_method_only():
    @patch.dict(SETTINGS, mode="test")
    class Tests:
        flag = "not a test"
        test_data = "not callable"

        def test_mode(self):
            return SETTINGS["mode"]

        def helper(self):
            return SETTINGS["mode"]

    assert Tests().test_mode() == "test"
    assert Tests().helper() == "real"
    assert Tests.test_data == "not callable"


def test_patch_dict_pushed_on_an_exit_stack_without_entering_leaves_the_dict_alone():
    with contextlib.ExitStack() as stack:
        stack.push(patch.dict(SETTINGS, mode="never applied"))

    assert SETTINGS == {"mode": "real"}


def test_patch_dict_works_on_a_mapping_without_copy_clear_or_update():
    mapping = MinimalMapping(a=1, b=2)

    with patch.dict(mapping, {"c": 3}, clear=True):
        assert mapping.as_dict() == {"c": 3}

    assert mapping.as_dict() == {"a": 1, "b": 2}
