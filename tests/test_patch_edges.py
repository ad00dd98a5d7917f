"""patch, patch.object, patch.multiple and patch.dict on their less common paths.

Specs given with ``spec_set``, autospec refusals, factories that are not mock
classes, targets inside submodules nobody imported yet, and mappings that are
not dicts: each as CPython 3.13's ``unittest.mock`` handles it.
"""
import contextlib
import sys

import pytest

from asyncmock import DEFAULT, MagicMock, NonCallableMagicMock, patch
from asyncmock._compat import InvalidSpecError


def documented():
    """The real docstring."""


class Plain:
    """Instances are not callable."""


class CallableInstances:
    def __call__(self):
        return "called"


class Holder:
    """Attributes for the patches below to replace."""

    Plain = Plain
    CallableInstances = CallableInstances
    text = "real text"
    number = 1
    other = 2

    def method(self, a):
        return a


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


# --- resolving the target ------------------------------------------------------


def test_patch_imports_a_submodule_that_its_target_path_names(tmp_path, monkeypatch):
    package = tmp_path / "asyncmock_edges_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "service.py").write_text("def fetch():\n    return 'real'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with patch("asyncmock_edges_pkg.service.fetch", return_value="fake"):
            service = sys.modules["asyncmock_edges_pkg.service"]
            assert service.fetch() == "fake"
        assert service.fetch() == "real"
    finally:
        sys.modules.pop("asyncmock_edges_pkg.service", None)
        sys.modules.pop("asyncmock_edges_pkg", None)


# --- start and stop ----------------------------------------------------------------


def test_stopping_a_patch_that_was_never_started_does_nothing():
    patcher = patch.object(Holder, "text", "patched")

    assert patcher.stop() is None
    assert Holder.text == "real text"


def test_patching_a_function_docstring_puts_the_original_back():
    with patch.object(documented, "__doc__", "temporary"):
        assert documented.__doc__ == "temporary"

    assert documented.__doc__ == "The real docstring."


# --- spec and spec_set ---------------------------------------------------------------


def test_spec_true_with_spec_set_true_refuses_attributes_the_original_lacks():
    with patch.object(Holder, "method", spec=True, spec_set=True) as mocked:
        with pytest.raises(AttributeError):
            mocked.not_an_attribute_of_functions = 1


def test_spec_object_with_spec_set_true_refuses_attributes_the_spec_lacks():
    with patch.object(Holder, "text", spec=Plain, spec_set=True) as mocked:
        with pytest.raises(AttributeError):
            mocked.missing = 1


def test_spec_object_without_spec_set_lets_new_attributes_be_set():
    with patch.object(Holder, "text", spec=Plain) as mocked:
        mocked.added = 1

        assert mocked.added == 1
        with pytest.raises(AttributeError):
            mocked.never_set


def test_spec_with_create_for_a_missing_attribute_is_a_type_error():
    patcher = patch.object(Holder, "missing", create=True, spec=True)

    with pytest.raises(TypeError, match="Can't use 'spec' with create=True"):
        patcher.start()
    assert not hasattr(Holder, "missing")


def test_a_list_spec_without_call_gives_a_non_callable_mock():
    with patch.object(Holder, "text", spec=["upper", "lower"]) as mocked:
        assert isinstance(mocked, NonCallableMagicMock)
        mocked.upper()
        with pytest.raises(AttributeError):
            mocked.title


def test_spec_true_on_a_non_callable_attribute_gives_a_non_callable_mock():
    with patch.object(Holder, "text", spec=True) as mocked:
        assert isinstance(mocked, NonCallableMagicMock)
        assert not callable(mocked)
        mocked.upper()


def test_patching_a_class_with_a_non_callable_instance_spec_makes_nothing_callable():
    with patch.object(Holder, "Plain", spec=Plain()) as mocked:
        assert not callable(mocked)
        assert not callable(mocked.return_value)


def test_patching_a_class_with_a_callable_instance_spec_makes_callable_instances():
    with patch.object(Holder, "Plain", spec=CallableInstances()):
        instance = Holder.Plain()

        instance()
        instance.assert_called_once_with()


def test_patching_a_class_whose_instances_are_callable_makes_callable_instances():
    with patch.object(Holder, "CallableInstances", spec=True):
        instance = Holder.CallableInstances()

        assert callable(instance)
        instance()
        instance.assert_called_once_with()


# --- autospec ---------------------------------------------------------------------------


def test_autospec_given_an_object_mocks_that_object_instead_of_the_original():
    def replacement(x, y):
        pass

    with patch.object(Holder, "method", autospec=replacement) as mocked:
        Holder.method(1, 2)

        mocked.assert_called_once_with(1, 2)
        with pytest.raises(TypeError):
            Holder.method(1)


def test_autospec_refuses_a_target_that_is_already_a_mock():
    patcher = patch.object(MagicMock(), "attribute", autospec=True)

    with pytest.raises(InvalidSpecError, match="patch target has already been mocked out"):
        patcher.start()


def test_autospec_refuses_a_mock_as_the_spec():
    patcher = patch.object(Holder, "method", autospec=MagicMock())

    with pytest.raises(InvalidSpecError, match="has already been mocked out"):
        patcher.start()
    assert Holder.method is vars(Holder)["method"]


# --- new_callable, unsafe, patch.multiple, class decorators ----------------------------


def test_new_callable_that_is_a_plain_factory_is_called_without_a_name():
    with patch.object(Holder, "text", new_callable=lambda: "made by a factory") as made:
        assert made == "made by a factory"
        assert Holder.text == "made by a factory"


def test_new_callable_that_is_a_non_mock_class_is_called_without_a_name():
    with patch.object(Holder, "text", new_callable=list) as made:
        assert made == []


def test_unsafe_patch_passes_typo_like_keywords_to_the_mock():
    with pytest.raises(RuntimeError):
        patch.object(Holder, "method", set_spec=1)

    with patch.object(Holder, "method", unsafe=True, set_spec=1) as mocked:
        assert mocked.set_spec == 1


def test_patch_multiple_returns_only_the_mocks_it_made():
    with patch.multiple(Holder, number=DEFAULT, other=99) as made:
        assert set(made) == {"number"}
        assert isinstance(made["number"], MagicMock)
        assert Holder.other == 99

    assert (Holder.number, Holder.other) == (1, 2)


def test_class_decorator_leaves_non_callable_test_attributes_alone():
    @patch.object(Holder, "text", "patched")
    class Tests:
        test_data = ["not", "a", "test"]

        def test_it(self):
            return Holder.text

    assert Tests.test_data == ["not", "a", "test"]
    assert Tests().test_it() == "patched"



# --- patch.dict ----------------------------------------------------------------------


SETTINGS = {"mode": "real"}


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
