"""reset_mock, configure_mock, keyword configuration and names in repr.

reset_mock must forget awaits as well as calls; configuration must reach
child mocks, whose coroutines then give the configured results.
"""
import re

import pytest

from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, NonCallableMagicMock, call


async def used_mock():
    """An AsyncMock that has been called, awaited and has an awaited child."""
    mock = AsyncMock()
    await mock(1)
    await mock.child(2)
    return mock


# --- reset_mock: records ------------------------------------------------


async def test_reset_clears_call_records():
    mock = await used_mock()
    mock.reset_mock()
    assert mock.called is False
    assert mock.call_count == 0
    assert mock.call_args is None
    assert mock.call_args_list == []


async def test_reset_clears_mock_calls_and_method_calls():
    mock = await used_mock()
    mock.reset_mock()
    assert mock.mock_calls == []
    assert mock.method_calls == []


async def test_reset_clears_await_count():
    mock = await used_mock()
    mock.reset_mock()
    assert mock.await_count == 0


async def test_reset_clears_await_args():
    mock = await used_mock()
    mock.reset_mock()
    assert mock.await_args is None


async def test_reset_clears_await_args_list():
    mock = await used_mock()
    mock.reset_mock()
    assert mock.await_args_list == []
    assert isinstance(mock.await_args_list, list)


async def test_reset_makes_assert_not_awaited_pass_again():
    mock = await used_mock()
    mock.reset_mock()
    mock.assert_not_awaited()


async def test_reset_clears_child_awaits():
    mock = await used_mock()
    mock.reset_mock()
    assert mock.child.await_count == 0
    assert mock.child.await_args_list == []
    assert mock.child.call_count == 0


async def test_reset_clears_awaits_on_the_return_value():
    mock = AsyncMock()
    result = await mock()
    await result.step()
    mock.reset_mock()
    assert result.step.await_count == 0


def test_reset_mock_ends_on_a_method_that_returns_its_own_mock():
    builder = MagicMock()
    builder.with_name.return_value = builder
    builder.with_name("ada").with_name("lovelace")

    builder.reset_mock()

    assert builder.with_name.call_count == 0
    assert builder.mock_calls == []


async def test_mock_records_afresh_after_reset():
    mock = await used_mock()
    mock.reset_mock()
    await mock("again")
    assert mock.call_args_list == [call("again")]
    assert mock.await_args_list == [call("again")]


async def test_coroutine_from_before_reset_records_its_await_after_it():
    mock = AsyncMock()
    pending = mock("early")
    mock.reset_mock()
    await pending
    assert mock.call_count == 0
    assert mock.await_args_list == [call("early")]


async def test_reset_clears_async_magic_mock_awaits():
    mock = AsyncMagicMock()
    await mock(1)
    mock.reset_mock()
    assert mock.await_count == 0
    assert mock.await_args is None
    assert mock.call_count == 0


# --- reset_mock: configuration ------------------------------------------


async def test_reset_keeps_return_value_by_default():
    mock = AsyncMock(return_value="kept")
    mock.reset_mock()
    assert await mock() == "kept"


async def test_reset_with_return_value_true_forgets_it():
    mock = AsyncMock(return_value="gone")
    mock.reset_mock(return_value=True)
    result = await mock()
    assert result != "gone"
    assert isinstance(result, AsyncMock)


async def test_reset_keeps_side_effect_by_default():
    mock = AsyncMock(side_effect=KeyError)
    mock.reset_mock()
    with pytest.raises(KeyError):
        await mock()


async def test_reset_with_side_effect_true_forgets_it():
    mock = AsyncMock(side_effect=KeyError, return_value="rv")
    mock.reset_mock(side_effect=True)
    assert mock.side_effect is None
    assert await mock() == "rv"


async def test_reset_with_return_value_true_reaches_children():
    mock = AsyncMock()
    mock.child.return_value = "child value"
    mock.reset_mock(return_value=True)
    assert await mock.child() != "child value"


async def test_reset_with_side_effect_true_reaches_children():
    mock = AsyncMock()
    mock.child.side_effect = KeyError
    mock.reset_mock(side_effect=True)
    assert mock.child.side_effect is None


# --- configure_mock -----------------------------------------------------


async def test_configure_mock_sets_return_value():
    mock = AsyncMock()
    mock.configure_mock(return_value=5)
    assert await mock() == 5


async def test_configure_mock_sets_side_effect():
    mock = AsyncMock()
    mock.configure_mock(side_effect=[1, 2])
    assert await mock() == 1
    assert await mock() == 2


async def test_configure_mock_sets_plain_attribute():
    mock = AsyncMock()
    mock.configure_mock(timeout=30)
    assert mock.timeout == 30


async def test_configure_mock_sets_child_return_value():
    mock = AsyncMock()
    mock.configure_mock(**{"method.return_value": 3})
    assert await mock.method() == 3


async def test_configure_mock_sets_child_side_effect():
    mock = AsyncMock()
    mock.configure_mock(**{"method.side_effect": KeyError})
    with pytest.raises(KeyError):
        await mock.method()


async def test_configure_mock_reaches_grandchildren():
    mock = AsyncMock()
    mock.configure_mock(**{"db.query.return_value": ["row"]})
    assert await mock.db.query() == ["row"]


async def test_configure_mock_records_no_calls():
    mock = AsyncMock()
    mock.configure_mock(**{"method.return_value": 3, "timeout": 1})
    assert mock.mock_calls == []
    assert mock.await_count == 0


# --- keyword configuration at creation ----------------------------------


def test_keyword_sets_plain_attribute():
    assert AsyncMock(timeout=30).timeout == 30


async def test_keyword_sets_child_return_value():
    mock = AsyncMock(**{"method.return_value": 3})
    assert await mock.method() == 3


async def test_keyword_sets_child_side_effect():
    mock = AsyncMock(**{"method.side_effect": ValueError("bad")})
    with pytest.raises(ValueError, match="bad"):
        await mock.method()


async def test_async_magic_mock_keyword_sets_child_return_value():
    mock = AsyncMagicMock(**{"method.return_value": "v"}, retries=2)
    assert mock.retries == 2
    assert await mock.method() == "v"


def test_non_callable_magicmock_takes_attributes_as_keywords():
    mock = NonCallableMagicMock(size=3, **{"owner.name": "ada"})

    assert mock.size == 3
    assert mock.owner.name == "ada"


# --- names --------------------------------------------------------------


def test_name_appears_in_repr():
    text = repr(AsyncMock(name="fetch"))
    assert re.match(r"^<AsyncMock name='fetch' id='\d+'>$", text)


def test_child_repr_has_dotted_name():
    mock = AsyncMock(name="client")
    assert "name='client.get'" in repr(mock.get)


def test_unnamed_parent_child_repr_uses_mock():
    assert "name='mock.get'" in repr(AsyncMock().get)


def test_return_value_repr_has_call_suffix():
    mock = AsyncMock(name="fetch")
    assert "name='fetch()'" in repr(mock.return_value)


def test_async_magic_mock_name_appears_in_repr():
    text = repr(AsyncMagicMock(name="conn"))
    assert re.match(r"^<AsyncMagicMock name='conn' id='\d+'>$", text)


def test_name_keyword_is_not_an_attribute_value():
    # ``name`` names the mock; ``mock.name`` stays an ordinary child mock.
    mock = AsyncMock(name="fetch")
    assert mock.name != "fetch"
