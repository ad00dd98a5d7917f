"""``mock_open``: CPython 3.15's behaviour, on every interpreter we support.

3.6's stdlib fake file has no ``__iter__``/``__next__`` data and its
``read(n)`` ignores ``n``; before 3.12 the ``open`` mock is spec'd from
``builtins.open`` itself (a mock, once ``open`` is patched); before 3.13
leaving the ``with`` block does not close the handle. Each test is one piece
of the newest behaviour, which asyncmock gives every interpreter.
"""
import contextlib
import inspect
import sys

import pytest

import asyncmock
from asyncmock import MagicMock, call, mock_open, patch
from asyncmock import _mock_open


def test_reading_the_data_works_while_builtins_open_is_patched():
    with patch("builtins.open", mock_open(read_data="outer")):
        inner = mock_open(read_data="inner")  # specs from names, never from the patched open
        with patch("builtins.open", inner):
            with open("settings.ini") as handle:
                assert handle.read() == "inner"
    inner.assert_called_once_with("settings.ini")


def test_the_open_mock_is_specced_with_names_and_not_the_patched_open():
    with patch("builtins.open", MagicMock(name="patched")):
        opener = mock_open()

    assert isinstance(opener, asyncmock.MagicMock)
    assert opener._spec_class is None  # a list of names: no class, no signature
    assert sorted(opener._mock_methods) == sorted(_mock_open.NEWEST_OPEN_NAMES)


def test_read_with_a_size_reads_that_many_characters_and_goes_on_from_there():
    handle = mock_open(read_data="foo\nbar\nbaz")()

    assert handle.read(5) == "foo\nb"
    assert handle.read(10) == "ar\nbaz"
    assert handle.read(1) == ""


def test_next_gives_one_line_at_a_time_and_stop_iteration_at_the_end():
    handle = mock_open(read_data="1st line\n2nd line\n3rd line")()

    assert next(handle) == "1st line\n"
    assert handle.__next__() == "2nd line\n"
    assert [line for line in handle] == ["3rd line"]
    with pytest.raises(StopIteration):
        next(handle)


def test_iteration_goes_on_where_read_and_readline_stopped():
    handle = mock_open(read_data="ab\ncd\nef\ngh\n")()

    assert handle.read(1) == "a"
    assert handle.readline() == "b\n"
    assert next(handle) == "cd\n"
    assert list(handle) == ["ef\n", "gh\n"]
    assert list(handle) == []


def test_readline_ignores_a_size_argument_and_gives_the_whole_line():
    handle = mock_open(read_data="long line\nnext\n")()

    assert handle.readline(2) == "long line\n"
    handle.readline.assert_called_once_with(2)


def test_readlines_takes_a_hint_and_every_reader_gives_empty_after_the_end():
    handle = mock_open(read_data="a\nbb\nccc\n")()

    assert handle.readlines(3) == ["a\n", "bb\n"]
    assert handle.read() == "ccc\n"
    assert (handle.read(), handle.readline(), handle.readlines()) == ("", "", [])


def test_bytes_read_data_gives_bytes_from_every_reader():
    handle = mock_open(read_data=b"\xc6\nab\ncd")()

    assert handle.readline() == b"\xc6\n"
    assert next(handle) == b"ab\n"
    assert handle.read() == b"cd"
    assert (handle.read(), handle.readline(), handle.readlines()) == (b"", b"", [])


def test_text_read_data_keeps_its_line_endings():
    handle = mock_open(read_data="a\r\nb\rc")()

    assert handle.readlines() == ["a\r\n", "b\rc"]


def test_each_open_call_starts_the_data_again_and_returns_the_same_handle():
    opener = mock_open(read_data="data\nmore\n")
    first = opener("a-name")
    assert first.readline() == "data\n"

    second = opener("another-name")

    assert second is first
    assert second.read() == "data\nmore\n"


def test_an_iterator_taken_before_a_new_open_call_keeps_reading_the_old_data():
    opener = mock_open(read_data="1\n2\n")
    handle = opener()
    lines = iter(handle)
    assert next(lines) == "1\n"

    opener()

    assert list(lines) == ["2\n"]
    assert handle.readline() == "1\n"


def test_with_block_records_enter_read_exit_and_close_in_mock_calls():
    opener = mock_open(read_data="text")
    with patch("builtins.open", opener):
        with open("foo") as handle:
            handle.read()
        with open("bar") as handle:
            handle.read()

    per_file = [call().__enter__(), call().read(), call().__exit__(None, None, None), call().close()]
    assert opener.mock_calls == [call("foo")] + per_file + [call("bar")] + per_file
    assert handle is opener.return_value
    assert handle.close.call_count == 2


def test_exit_returns_none_so_an_exception_in_the_with_block_goes_on():
    opener = mock_open()

    with pytest.raises(KeyError):
        with opener("foo"):
            raise KeyError("inside")

    assert opener.return_value.__exit__.call_args[0][0] is KeyError
    opener.return_value.close.assert_called_once_with()


def test_exit_side_effect_has_the_three_argument_signature_of_3_15():
    exit_ = mock_open().return_value.__exit__

    assert str(inspect.signature(exit_.side_effect)) == "(exctype, excinst, exctb)"
    assert exit_.side_effect.__name__ == "_exit_side_effect"
    with pytest.raises(TypeError, match=r"_exit_side_effect\(\) missing 3 required positional arguments"):
        exit_()
    with pytest.raises(TypeError, match=r"_exit_side_effect\(\) takes 3 positional arguments but 4"):
        exit_(1, 2, 3, 4)
    assert exit_(None, None, None) is None


def test_exit_stack_closes_the_handle_on_every_interpreter():
    opener = mock_open(read_data="stacked")
    with patch("builtins.open", opener):
        with contextlib.ExitStack() as stack:
            handle = stack.enter_context(open("file.txt"))
            assert handle.read() == "stacked"

    handle.close.assert_called_once_with()


def test_exit_called_with_the_handle_first_as_an_old_exit_stack_does_closes_it():
    handle = mock_open()()

    assert type(handle).__exit__(handle, None, None, None) is None  # contextlib before 3.15

    handle.close.assert_called_once_with()


def test_return_values_set_by_the_test_win_over_the_data():
    handle = mock_open(read_data="foo")()
    handle.read.return_value = "bar"
    handle.readline.return_value = "line"
    handle.readlines.return_value = ["lines"]

    assert handle.read(2) == "bar"
    assert (handle.readline(), handle.readline()) == ("line", "line")  # no StopIteration
    assert handle.readlines() == ["lines"]
    assert next(handle) == "line"
    assert [line for _, line in zip(range(2), handle)] == ["line", "line"]


def test_a_readline_side_effect_set_by_the_test_survives_the_next_open_call():
    opener = mock_open(read_data="foo\nbar")
    opener.return_value.readline.side_effect = lambda *args: "mine"

    assert opener().readline() == "mine"
    assert opener().readline() == "mine"
    assert opener().read() == "foo\nbar"


def test_the_handle_has_the_attributes_of_a_3_15_file_on_every_interpreter():
    handle = mock_open()()

    for name in ("reconfigure", "write_through", "getvalue", "read1", "buffer", "_finalizing"):
        assert isinstance(getattr(handle, name), asyncmock.MagicMock), name
    assert handle.write("x") is None
    with pytest.raises(AttributeError):
        handle.not_a_file_method
    assert not hasattr(handle, "__aenter__")  # an async with needs a mock of its own
    with pytest.raises(AttributeError):
        handle.__len__ = lambda self: 0  # not a file's


def test_the_spec_names_hold_every_public_name_of_this_interpreters_files():
    import _io

    here = set(dir(_io.TextIOWrapper)) | set(dir(_io.BytesIO))
    public = {name for name in here if not name.startswith("_")}
    assert public <= _mock_open.NEWEST_FILE_NAMES
    if sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 15):
        assert here == _mock_open.NEWEST_FILE_NAMES
        assert set(dir(_io.open)) == _mock_open.NEWEST_OPEN_NAMES


def test_the_specs_are_made_once_and_shared_by_every_mock_open():
    first = mock_open()
    second = mock_open()

    assert _mock_open.file_spec is not None and _mock_open.open_spec is not None
    assert first.return_value._mock_methods is second.return_value._mock_methods is _mock_open.file_spec
    assert first._mock_methods is _mock_open.open_spec


def test_an_assigned_file_spec_is_the_spec_of_the_handles_made_after(monkeypatch):
    names = sorted(_mock_open.NEWEST_FILE_NAMES - {"readinto"}) + ["extra"]
    monkeypatch.setattr(_mock_open, "file_spec", names)

    handle = mock_open(read_data="x")()

    assert handle.read() == "x"
    assert isinstance(handle.extra, asyncmock.MagicMock)
    with pytest.raises(AttributeError):
        handle.readinto


def test_a_given_mock_is_configured_and_returned():
    opener = MagicMock(name="JLV")

    assert mock_open(opener, "mine") is opener
    assert opener().read() == "mine"
    assert opener._mock_methods is None  # no spec added to a mock the test made


def test_mock_open_configures_the_mock_it_is_given():
    opener = MagicMock(name="open")

    assert mock_open(opener, read_data="text") is opener
    with opener("file.txt") as handle:
        assert handle.read() == "text"


def test_reset_mock_keeps_the_handle_and_its_data():
    opener = mock_open(read_data="kept")
    opener("file").read()

    opener.reset_mock()

    assert opener.mock_calls == []
    assert opener().read() == "kept"


def test_patching_io_string_io_does_not_change_what_the_file_reads():
    with patch("io.StringIO", MagicMock(name="patched StringIO")):
        handle = mock_open(read_data="real")()

    assert handle.read() == "real"
