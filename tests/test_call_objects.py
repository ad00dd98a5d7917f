"""``call`` objects and ``sentinel`` values behave as the newest stdlib's, on every Python.

On 3.8+ they are the stdlib's own objects; on 3.6/3.7 (whose stdlib lacks
``args``/``kwargs``, sorts keyword arguments, answers ``call.count`` with the
tuple's method and, on 3.6, loses a sentinel's identity in a copy) they are
asyncmock's, and the same assertions hold.
"""
import copy
import pickle
import unittest.mock

import pytest

import asyncmock
from _support import run
from asyncmock import ANY, DEFAULT, AsyncMock, MagicMock, Mock, call, sentinel
from asyncmock._call import Call as OwnCall


class AlwaysEqual:
    """Equal to everything, as test.support.ALWAYS_EQ."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


# --- args and kwargs ---------------------------------------------------------


def test_call_exposes_its_positional_and_keyword_arguments():
    kall = call(1, 2, a=3)
    assert kall.args == (1, 2)
    assert kall.kwargs == {"a": 3}


def test_named_call_exposes_its_arguments_without_the_name():
    kall = call.foo.bar(1, b=2)
    assert kall.args == (1,)
    assert kall.kwargs == {"b": 2}
    assert kall[0] == "foo.bar"


def test_two_tuple_call_exposes_its_arguments():
    kall = asyncmock._Call(((1, 2), {"a": 3}), two=True)
    assert len(kall) == 2
    assert (kall.args, kall.kwargs) == ((1, 2), {"a": 3})


def test_recorded_call_args_expose_the_arguments_the_mock_got():
    mock = Mock()
    mock(1, a=2)
    mock.method(3, b=4)
    assert (mock.call_args.args, mock.call_args.kwargs) == ((1,), {"a": 2})
    assert mock.call_args_list[0].args == (1,)
    assert mock.method_calls[0].args == (3,) and mock.method_calls[0].kwargs == {"b": 4}
    assert mock.mock_calls[1].args == (3,)


def test_recorded_await_args_expose_the_arguments_of_the_await():
    mock = AsyncMock()
    run(mock("x", retries=2))
    assert mock.await_args.args == ("x",)
    assert mock.await_args.kwargs == {"retries": 2}
    assert mock.await_args_list[0].kwargs == {"retries": 2}


def test_call_accepts_self_as_a_keyword_argument():
    assert call(self=1).kwargs == {"self": 1}
    assert call.foo(self=1) == ("foo", (), {"self": 1})


# --- keyword order -----------------------------------------------------------


def test_call_repr_keeps_keyword_arguments_in_the_order_given():
    assert repr(call(1, b=2, a=3)) == "call(1, b=2, a=3)"
    assert repr(call.foo(zz=1, aa=2)) == "call.foo(zz=1, aa=2)"


def test_recorded_call_repr_keeps_keyword_arguments_in_the_order_given():
    mock = Mock()
    mock.hello(name="hello", daddy="hero")
    assert repr(mock.hello.call_args) == "call(name='hello', daddy='hero')"
    assert repr(mock.mock_calls) == "[call.hello(name='hello', daddy='hero')]"


def test_recorded_kwargs_keep_the_order_given():
    mock = Mock()
    mock(z=1, a=2, m=3)
    assert list(mock.call_args.kwargs) == ["z", "a", "m"]


def test_await_assertion_message_keeps_keyword_arguments_in_the_order_given():
    mock = AsyncMock()
    run(mock(z=1, y=2))
    with pytest.raises(AssertionError) as raised:
        mock.assert_has_awaits([call(q=1, p=2)])
    assert "[call(q=1, p=2)]" in str(raised.value)
    assert "[call(z=1, y=2)]" in str(raised.value)


# --- chains and names --------------------------------------------------------


def test_every_call_chain_is_of_the_class_asyncmock_exports():
    kind = type(call)
    assert asyncmock._Call is kind
    for chained in (call(), call.foo, call.foo(1), call(1).foo.bar(2)(3), call.name().name):
        assert type(chained) is kind


def test_call_objects_are_stdlib_calls():
    assert isinstance(call(1), unittest.mock._Call)
    assert isinstance(call.foo(1)(), unittest.mock._Call)


def test_tuple_method_names_make_named_calls():
    assert call.count(1) == ("count", (1,), {})
    assert call.index(132, "hello") == ("index", (132, "hello"), {})
    assert repr(call.__getitem__("bar")) == "call.__getitem__('bar')"
    assert repr(call().foo().__iter__()) == "call().foo().__iter__()"


def test_attributes_named_like_call_internals_make_named_calls():
    assert call.name(1) == ("name", (1,), {})
    assert call.parent(2) == ("parent", (2,), {})
    assert (call.args, call.kwargs) == ((), {})  # these two are the properties
    mock = Mock()
    mock.name(1)
    assert mock.mock_calls == [call.name(1)]


def test_dunder_calls_match_what_a_magic_mock_recorded():
    mock = MagicMock()
    mock().foo()["bar"] = 1
    assert mock.mock_calls == [call(), call().foo(), call().foo().__setitem__("bar", 1)]
    mock = MagicMock()
    mock().foo()["bar"]()
    assert mock.mock_calls == [
        call(), call().foo(), call().foo().__getitem__("bar"), call().foo().__getitem__()(),
    ]


def test_chained_call_reprs():
    assert repr(call) == "call"
    assert repr(call()) == "call()"
    assert repr(call().foo) == "call().foo"
    assert repr(call(1).foo.bar(a=3).bing) == "call().foo.bar().bing"
    assert repr(call()().bar().baz.beep(1)) == "call()().bar().baz.beep(1)"
    assert repr(asyncmock._Call(("bar", (1,), {"a": "b"}))) == "call.bar(1, a='b')"
    assert repr(asyncmock._Call(((1,), {}), two=True)) == "call(1)"


def test_call_list_lists_each_call_of_the_chain():
    mock = MagicMock()
    mock(1).method(2)(3)
    assert call(1).method(2)(3).call_list() == mock.mock_calls
    assert repr(call(1).method(2).call_list()) == "[call(1), call().method(2)]"


# --- equality ----------------------------------------------------------------


def test_calls_equal_calls_a_stdlib_mock_recorded_both_ways():
    stdlib_mock = unittest.mock.Mock()
    stdlib_mock(1, a=2)
    stdlib_mock.foo(3)
    assert stdlib_mock.call_args == call(1, a=2)
    assert call(1, a=2) == stdlib_mock.call_args
    assert stdlib_mock.mock_calls == [call(1, a=2), call.foo(3)]
    assert [call(1, a=2), call.foo(3)] == stdlib_mock.mock_calls


def test_calls_equal_stdlib_call_objects_both_ways():
    assert call.foo(1, a=2) == unittest.mock.call.foo(1, a=2)
    assert unittest.mock.call.foo(1, a=2) == call.foo(1, a=2)
    assert call.foo(1) != unittest.mock.call.bar(1)
    assert unittest.mock.call.foo(1) != call.foo(2)


def test_calls_compare_with_any():
    assert call(1) == ANY and ANY == call(1)
    assert not call(1) != ANY
    assert call(MagicMock()) == call(ANY) and call(ANY) == call(MagicMock())
    assert call == ANY


def test_calls_are_unequal_to_what_is_not_a_call():
    for value in (1, None, int, "a long sequence"):
        assert not call(1, 2, 3) == value
        assert call(1, 2, 3) != value


def test_calls_are_unhashable():
    with pytest.raises(TypeError):
        hash(call(1))


def test_own_call_class_lets_the_other_side_decide_equality():
    # On 3.6/3.7 this is asyncmock.call's class; 3.9+'s stdlib does the same.
    kall = OwnCall(("", (1,), {}))
    assert kall == AlwaysEqual() and not kall != AlwaysEqual()
    assert not kall == 1


# --- sentinel ----------------------------------------------------------------


def test_sentinel_default_is_the_stdlib_default():
    assert sentinel.DEFAULT is DEFAULT is unittest.mock.DEFAULT


def test_sentinel_gives_the_stdlib_sentinels_object_for_a_name_whichever_is_asked_first():
    assert sentinel.first_asked_of_asyncmock is unittest.mock.sentinel.first_asked_of_asyncmock
    assert unittest.mock.sentinel.first_asked_of_stdlib is sentinel.first_asked_of_stdlib


def test_sentinel_is_unique_per_name_and_named():
    assert sentinel.whatever is sentinel.whatever
    assert sentinel.whatever is not sentinel.whatever_else
    assert repr(sentinel.whatever) == str(sentinel.whatever) == "sentinel.whatever"
    assert sentinel.whatever.name == "whatever"


def test_sentinel_has_no_bases():
    with pytest.raises(AttributeError):
        sentinel.__bases__


def test_sentinel_stays_itself_when_copied():
    assert copy.copy(sentinel.copied) is sentinel.copied
    assert copy.deepcopy(sentinel.copied) is sentinel.copied
    assert copy.deepcopy([sentinel.copied])[0] is sentinel.copied


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_sentinel_stays_itself_when_pickled(protocol):
    assert pickle.loads(pickle.dumps(sentinel.pickled, protocol)) is sentinel.pickled
    assert pickle.loads(pickle.dumps(sentinel, protocol)) is sentinel


def test_sentinel_passed_to_a_mock_is_found_by_identity():
    mock = Mock(return_value=sentinel.result)
    assert mock(sentinel.argument) is sentinel.result
    mock.assert_called_once_with(copy.deepcopy(sentinel.argument))
