"""The assert_*await* methods: when they pass, when they fail, what they say.

Messages follow CPython 3.13 word for word, since users grep for them.
"""
import re

import pytest

from _support import run as _run
from _targets import fetch
from asyncmock import ANY, AsyncMagicMock, AsyncMock, call, create_autospec


class Client:
    async def get(self, url):
        pass


def exactly(text):
    """A ``match=`` pattern for the whole message ``text`` taken literally."""
    return "^" + re.escape(text) + "$"


# --- assert_awaited -----------------------------------------------------


async def test_assert_awaited_passes_after_an_await():
    mock = AsyncMock()
    await mock()
    mock.assert_awaited()


async def test_assert_awaited_fails_when_never_awaited():
    mock = AsyncMock()
    with pytest.raises(
        AssertionError, match=exactly("Expected mock to have been awaited.")
    ):
        mock.assert_awaited()


async def test_assert_awaited_fails_when_only_called():
    mock = AsyncMock()
    mock().close()
    with pytest.raises(AssertionError, match="to have been awaited"):
        mock.assert_awaited()


async def test_assert_called_passes_where_assert_awaited_fails():
    mock = AsyncMock()
    mock().close()
    mock.assert_called_once()
    with pytest.raises(AssertionError):
        mock.assert_awaited()


async def test_assert_awaited_message_names_a_named_mock():
    mock = AsyncMock(name="fetch")
    with pytest.raises(
        AssertionError, match=exactly("Expected fetch to have been awaited.")
    ):
        mock.assert_awaited()


async def test_assert_awaited_message_names_a_child_by_attribute():
    parent = AsyncMock()
    with pytest.raises(
        AssertionError, match=exactly("Expected load to have been awaited.")
    ):
        parent.load.assert_awaited()


# --- assert_awaited_once ------------------------------------------------


async def test_assert_awaited_once_passes_after_one_await():
    mock = AsyncMock()
    await mock()
    mock.assert_awaited_once()


async def test_assert_awaited_once_fails_after_two_awaits():
    mock = AsyncMock()
    await mock()
    await mock()
    msg = "Expected mock to have been awaited once. Awaited 2 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_once()


async def test_assert_awaited_once_fails_when_never_awaited():
    mock = AsyncMock()
    msg = "Expected mock to have been awaited once. Awaited 0 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_once()


async def test_assert_awaited_once_ignores_calls_not_awaited():
    mock = AsyncMock()
    mock().close()
    await mock()
    mock.assert_awaited_once()


async def test_assert_awaited_once_message_names_a_named_mock():
    mock = AsyncMock(name="db.query")
    msg = "Expected db.query to have been awaited once. Awaited 0 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_once()


# --- assert_awaited_with ------------------------------------------------


async def test_assert_awaited_with_passes_for_the_last_await():
    mock = AsyncMock()
    await mock(1)
    await mock(2, key="v")
    mock.assert_awaited_with(2, key="v")


async def test_assert_awaited_with_fails_for_an_earlier_await():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    msg = "expected await not found.\nExpected: mock(1)\n  Actual: mock(2)"
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_with(1)


async def test_assert_awaited_with_fails_when_never_awaited():
    mock = AsyncMock()
    msg = "Expected await: mock(1, a=2)\nNot awaited"
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_with(1, a=2)


async def test_assert_awaited_with_fails_when_only_called():
    mock = AsyncMock()
    mock(1).close()
    with pytest.raises(AssertionError, match="Not awaited"):
        mock.assert_awaited_with(1)


async def test_assert_awaited_with_compares_keyword_arguments():
    mock = AsyncMock()
    await mock(x=1)
    with pytest.raises(AssertionError, match="expected await not found"):
        mock.assert_awaited_with(x=2)


async def test_assert_awaited_with_accepts_any():
    mock = AsyncMock()
    await mock(object(), key="v")
    mock.assert_awaited_with(ANY, key=ANY)


async def test_assert_awaited_with_message_names_a_named_mock():
    mock = AsyncMock(name="send")
    await mock("a")
    msg = "expected await not found.\nExpected: send('b')\n  Actual: send('a')"
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_with("b")


# --- assert_awaited_once_with -------------------------------------------


async def test_assert_awaited_once_with_passes():
    mock = AsyncMock()
    await mock("a", n=1)
    mock.assert_awaited_once_with("a", n=1)


async def test_assert_awaited_once_with_fails_after_two_awaits():
    mock = AsyncMock()
    await mock("a")
    await mock("a")
    msg = "Expected mock to have been awaited once. Awaited 2 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_once_with("a")


async def test_assert_awaited_once_with_fails_on_other_arguments():
    mock = AsyncMock()
    await mock("a")
    msg = "expected await not found.\nExpected: mock('b')\n  Actual: mock('a')"
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_once_with("b")


async def test_assert_awaited_once_with_fails_when_never_awaited():
    mock = AsyncMock()
    msg = "Expected mock to have been awaited once. Awaited 0 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_awaited_once_with()


# --- assert_any_await ---------------------------------------------------


async def test_assert_any_await_passes_for_an_earlier_await():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    mock.assert_any_await(1)


async def test_assert_any_await_fails_for_arguments_never_awaited():
    mock = AsyncMock()
    await mock(1)
    with pytest.raises(AssertionError, match=exactly("mock(3) await not found")):
        mock.assert_any_await(3)


async def test_assert_any_await_ignores_calls_not_awaited():
    mock = AsyncMock()
    mock(5).close()
    await mock(6)
    with pytest.raises(AssertionError, match=re.escape("mock(5) await not found")):
        mock.assert_any_await(5)


async def test_assert_any_await_message_names_a_named_mock():
    mock = AsyncMock(name="fetch")
    with pytest.raises(
        AssertionError, match=exactly("fetch('x', y=1) await not found")
    ):
        mock.assert_any_await("x", y=1)


async def test_assert_any_await_on_a_spec_mock_matches_keywords_against_positions():
    mock = AsyncMock(spec=fetch)

    await mock("/a", 1)
    await mock("/b", timeout=2)

    mock.assert_any_await(url="/a", timeout=1)
    mock.assert_any_await("/b", 2)


async def test_assert_any_await_on_a_spec_mock_fails_when_no_await_binds_alike():
    mock = AsyncMock(spec=fetch)
    await mock("/a")

    with pytest.raises(AssertionError, match="await not found"):
        mock.assert_any_await("/b")


# --- assert_has_awaits --------------------------------------------------


async def test_assert_has_awaits_passes_for_the_exact_sequence():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    mock.assert_has_awaits([call(1), call(2)])


async def test_assert_has_awaits_allows_extra_awaits_before_and_after():
    mock = AsyncMock()
    for arg in (0, 1, 2, 3):
        await mock(arg)
    mock.assert_has_awaits([call(1), call(2)])


async def test_assert_has_awaits_fails_for_the_wrong_order():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    msg = "Awaits not found.\nExpected: [call(2), call(1)]\nActual: [call(1), call(2)]"
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_has_awaits([call(2), call(1)])


async def test_assert_has_awaits_fails_for_a_gap_in_the_sequence():
    mock = AsyncMock()
    for arg in (1, 2, 3):
        await mock(arg)
    with pytest.raises(AssertionError, match="Awaits not found."):
        mock.assert_has_awaits([call(1), call(3)])


async def test_assert_has_awaits_any_order_passes_for_reversed_order():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    await mock(3)
    mock.assert_has_awaits([call(3), call(1)], any_order=True)


async def test_assert_has_awaits_any_order_fails_for_a_missing_await():
    mock = AsyncMock()
    await mock(1)
    msg = "(call(2),) not all found in await list"
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_has_awaits([call(1), call(2)], any_order=True)


async def test_assert_has_awaits_any_order_counts_repeated_awaits():
    mock = AsyncMock()
    await mock(1)
    with pytest.raises(AssertionError, match="not all found in await list"):
        mock.assert_has_awaits([call(1), call(1)], any_order=True)


async def test_assert_has_awaits_passes_for_an_empty_list():
    mock = AsyncMock()
    mock.assert_has_awaits([])


async def test_assert_has_awaits_ignores_calls_not_awaited():
    mock = AsyncMock()
    mock(1).close()
    await mock(2)
    with pytest.raises(AssertionError, match=re.escape("Actual: [call(2)]")):
        mock.assert_has_awaits([call(1)])


async def test_any_in_assert_has_awaits_matches_any_await():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    mock.assert_has_awaits([call(1), ANY])
    mock.assert_has_awaits([ANY, call(2)])


async def test_a_named_expected_call_matches_an_unnamed_await_as_in_the_stdlib():
    mock = AsyncMock()
    await mock(1)
    mock.assert_has_awaits([call.other(1)])  # an await has no name: any name matches


# --- assert_has_awaits on a mock with a signature spec ----------------------
#
# Awaits are matched through the spec's signature, keywords against
# positions, on every version.  (Once broke on Python 3.9+ and PyPy 3.9:
# _call_matcher gives call('', (name, args, kwargs), {}) there, the expected
# awaits became 2-tuples while the recorded ones stayed 3-tuples, and
# _match_indexes' fast path never matched.)


def test_assert_has_awaits_matches_the_same_awaits_on_a_function_spec_mock():
    async def main():
        mock = AsyncMock(spec=fetch)
        await mock("/a")
        mock.assert_has_awaits([call("/a")])
    _run(main())


def test_assert_has_awaits_matches_the_same_awaits_on_an_autospecced_async_method():
    async def main():
        client = create_autospec(Client, instance=True)
        await client.get("/x")
        client.get.assert_has_awaits([call("/x")])
    _run(main())


def test_assert_has_awaits_binds_keywords_to_positions():
    async def main():
        mock = AsyncMock(spec=fetch)
        await mock("/a", 1)
        await mock("/b", timeout=2)
        mock.assert_has_awaits([call(url="/a", timeout=1), call("/b", 2)])
    _run(main())


async def test_assert_has_awaits_names_the_expected_await_that_does_not_fit_the_spec():
    mock = AsyncMock(spec=fetch)
    await mock("/a")

    with pytest.raises(AssertionError, match="Error processing expected awaits") as failure:
        mock.assert_has_awaits([call("/a", 1, 2, 3)])

    assert isinstance(failure.value.__cause__, TypeError)


# --- assert_not_awaited -------------------------------------------------


async def test_assert_not_awaited_passes_for_a_fresh_mock():
    AsyncMock().assert_not_awaited()


async def test_assert_not_awaited_passes_when_only_called():
    mock = AsyncMock()
    mock().close()
    mock.assert_not_awaited()


async def test_assert_not_awaited_fails_after_an_await():
    mock = AsyncMock()
    await mock()
    msg = "Expected mock to not have been awaited. Awaited 1 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_not_awaited()


async def test_assert_not_awaited_message_names_a_named_mock():
    mock = AsyncMock(name="close")
    await mock()
    await mock()
    msg = "Expected close to not have been awaited. Awaited 2 times."
    with pytest.raises(AssertionError, match=exactly(msg)):
        mock.assert_not_awaited()


# --- shared properties --------------------------------------------------


FAILING_ASSERTIONS = [
    ("assert_awaited_once", (), {}),
    ("assert_awaited_with", ("never",), {}),
    ("assert_awaited_once_with", ("a",), {}),
    ("assert_any_await", ("never",), {}),
    ("assert_has_awaits", ([call("never")],), {}),
    ("assert_has_awaits", ([call("never")],), {"any_order": True}),
    ("assert_not_awaited", (), {}),
]


@pytest.mark.parametrize("name, args, kwargs", FAILING_ASSERTIONS)
async def test_failing_assertion_leaves_records_unchanged(name, args, kwargs):
    mock = AsyncMock()
    await mock("a")
    await mock("b")
    mock("c").close()
    before = (
        mock.call_count,
        list(mock.call_args_list),
        list(mock.mock_calls),
        mock.await_count,
        mock.await_args,
        list(mock.await_args_list),
    )
    with pytest.raises(AssertionError):
        getattr(mock, name)(*args, **kwargs)
    after = (
        mock.call_count,
        list(mock.call_args_list),
        list(mock.mock_calls),
        mock.await_count,
        mock.await_args,
        list(mock.await_args_list),
    )
    assert after == before


async def test_failing_assert_awaited_on_fresh_mock_records_nothing():
    mock = AsyncMock()
    with pytest.raises(AssertionError):
        mock.assert_awaited()
    assert mock.call_count == 0
    assert mock.await_count == 0
    assert mock.mock_calls == []


async def test_async_magic_mock_has_the_await_assertions():
    mock = AsyncMagicMock()
    await mock(1)
    mock.assert_awaited_once_with(1)
    mock.assert_any_await(1)
    mock.assert_has_awaits([call(1)])
    with pytest.raises(AssertionError, match="Awaited 1 times"):
        mock.assert_not_awaited()
