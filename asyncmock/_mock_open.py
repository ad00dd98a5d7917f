"""``mock_open`` as CPython 3.15 has it, on every interpreter we support.

The stdlib's ``mock_open`` changed a lot between 3.6 and 3.15: ``read(n)``,
``readline()`` and ``readlines()`` read one in-memory file together, and
``__iter__`` and ``__next__`` read it too (3.6 has none of that); the ``open``
mock is spec'd from a list of names instead of from ``builtins.open`` itself
(3.12), so ``mock_open()`` still works while ``open`` is patched with a mock;
and ``__exit__`` closes the handle (3.13, so ``call().close()`` shows in
``mock_calls``).

Delegating to the running interpreter's ``mock_open`` would give each
interpreter its own behaviour; this module gives all of them the newest one,
built on asyncmock's ``MagicMock``.

The specs are the names CPython 3.15 finds on ``_io.open`` and on
``_io.TextIOWrapper`` and ``_io.BytesIO``, written down here: the running
interpreter's own names differ (3.6 lacks ``reconfigure``, PyPy lacks
``__sizeof__``, ...), and the handle must have the same attributes
everywhere. They are made into lists once, on first use, and kept in this
module's ``file_spec`` and ``open_spec`` (as the stdlib keeps its own in
``unittest.mock``): every handle shares them, and a test that assigns one
changes the spec of the mocks made after that.
"""
import functools
import io
from typing import Any, Callable, Iterator, List, Optional, Tuple, Union

import unittest.mock as _stdlib

__all__ = ["mock_open"]

#: The names of ``dir(_io.TextIOWrapper)`` and ``dir(_io.BytesIO)`` on CPython 3.15.
NEWEST_FILE_NAMES = frozenset((
    "_CHUNK_SIZE", "__class__", "__del__", "__delattr__", "__dict__", "__dir__", "__doc__",
    "__enter__", "__eq__", "__exit__", "__format__", "__ge__", "__getattribute__", "__getstate__",
    "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__", "__le__", "__lt__",
    "__module__", "__ne__", "__new__", "__next__", "__reduce__", "__reduce_ex__", "__repr__",
    "__setattr__", "__setstate__", "__sizeof__", "__str__", "__subclasshook__", "_checkClosed",
    "_checkReadable", "_checkSeekable", "_checkWritable", "_finalizing", "buffer", "close",
    "closed", "detach", "encoding", "errors", "fileno", "flush", "getbuffer", "getvalue",
    "isatty", "line_buffering", "name", "newlines", "read", "read1", "readable", "readinto",
    "readinto1", "readline", "readlines", "reconfigure", "seek", "seekable", "tell", "truncate",
    "writable", "write", "write_through", "writelines",
))

#: The names of ``dir(_io.open)`` on CPython 3.15: a builtin function's.
NEWEST_OPEN_NAMES = frozenset((
    "__call__", "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__",
    "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__",
    "__init_subclass__", "__le__", "__lt__", "__module__", "__name__", "__ne__", "__new__",
    "__qualname__", "__reduce__", "__reduce_ex__", "__repr__", "__self__", "__setattr__",
    "__sizeof__", "__str__", "__subclasshook__", "__text_signature__",
))

#: The spec of every file handle mock_open makes; None until the first call.
file_spec = None  # type: Optional[List[str]]
#: The spec of the ``open`` mock mock_open makes when given none; None until the first call.
open_spec = None  # type: Optional[List[str]]

#: Bound at import, so a test that patches ``io.StringIO`` or ``io.BytesIO``
#: does not change what a fake file reads from.
_StringIO = io.StringIO
_BytesIO = io.BytesIO

Stream = Union[io.StringIO, io.BytesIO]


def _specs() -> Tuple[List[str], List[str]]:
    """The handle's and the open mock's specs, made on first use and kept.

    A list spec gives the names only: nothing is read from ``builtins.open``,
    which may be a mock by now (a spec that is a mock is an error).
    """
    global file_spec, open_spec
    if file_spec is None:
        file_spec = sorted(NEWEST_FILE_NAMES)
    if open_spec is None:
        open_spec = sorted(NEWEST_OPEN_NAMES)
    return file_spec, open_spec


def _stream(read_data: Union[str, bytes]) -> Stream:
    """A fresh in-memory file holding *read_data*: binary for bytes, text for str."""
    if isinstance(read_data, bytes):
        return _BytesIO(read_data)
    return _StringIO(read_data)


def mock_open(mock: Any, read_data: Union[str, bytes], magic_mock: Callable[..., Any]) -> Any:
    """Make *mock* (a new ``open`` mock if None) return a fake file holding *read_data*.

    *magic_mock* is the ``MagicMock`` class the mocks are made with. As in
    CPython 3.15:

    * each call of *mock* starts the file again from its first byte, and
      returns the same handle, also the value of ``with open(...) as f``;
    * ``read``, ``readline``, ``readlines``, ``iter()`` and ``next()`` read
      that one file, each going on where the last stopped (``read(n)``
      and ``readlines(hint)`` take their argument; ``readline`` ignores one);
    * a ``return_value`` set on ``read``, ``readline`` or ``readlines`` wins
      over the file (``readline``'s also for iteration and ``next()``), and a
      ``side_effect`` set on ``readline`` survives the next ``open()`` call;
    * leaving the ``with`` block calls ``handle.close()``, so ``mock_calls``
      ends ``call().__exit__(None, None, None), call().close()``.

    The side effects are closures named as the stdlib's, and typed in
    comments, so what they show in a repr, in ``inspect.signature`` or in a
    ``TypeError`` (``handle.__exit__()`` with no arguments) reads the same as
    there.
    """
    file_names, open_names = _specs()
    # The file, and the generator readline's side effect is: both replaced by each open() call.
    current = [_stream(read_data)]  # type: List[Stream]
    readline_lines = [None]  # type: List[Optional[Iterator[Any]]]

    def _read_side_effect(*args, **kwargs):  # type: (*Any, **Any) -> Any
        """``handle.read``: its return_value if one is set, else the file's next bytes."""
        if handle.read.return_value is not None:
            return handle.read.return_value
        return current[0].read(*args, **kwargs)

    def _readlines_side_effect(*args, **kwargs):  # type: (*Any, **Any) -> Any
        """``handle.readlines``: its return_value if one is set, else the file's remaining lines."""
        if handle.readlines.return_value is not None:
            return handle.readlines.return_value
        return current[0].readlines(*args, **kwargs)

    def _iter_side_effect():  # type: () -> Iterator[Any]
        """``iter(handle)``: ``readline``'s return_value forever if one is set, else the lines left."""
        if handle.readline.return_value is not None:
            while True:  # read anew each time: a later assignment shows
                yield handle.readline.return_value
        for line in current[0]:
            yield line

    def _readline_side_effect():  # type: () -> Iterator[Any]
        """``handle.readline``, a generator: the lines iteration gives, then ``''`` (or ``b''``) forever."""
        for line in _iter_side_effect():
            yield line
        while True:
            yield current[0].readline()

    def _next_side_effect():  # type: () -> Any
        """``next(handle)``: ``readline``'s return_value if one is set, else the next line.

        At the end of the file this raises StopIteration, as a file does.
        """
        if handle.readline.return_value is not None:
            return handle.readline.return_value
        return next(current[0])

    def _exit_side_effect(exctype, excinst, exctb):  # type: (Any, Any, Any) -> None
        """``handle.__exit__``: close the handle, as leaving ``with open(...)`` closes a file.

        It takes exactly the three arguments ``with`` passes, as in 3.13 and
        3.15 (3.14 takes any, gh-150484), and returns None, so an exception
        in the block goes on.
        """
        handle.close()

    @functools.wraps(_exit_side_effect)
    def _exit_bound_or_not(*args, **kwargs):  # type: (*Any, **Any) -> None
        """``_exit_side_effect``, also when called with the handle first.

        ``ExitStack.enter_context`` before 3.15 calls ``type(cm).__exit__``
        bound to the handle, so the side effect gets four arguments (the
        reason 3.14 took any, gh-150484); 3.15's ``ExitStack`` passes three.
        Every other call is checked against the three-argument signature
        (``inspect.signature`` shows it too), with 3.15's TypeError.
        """
        if len(args) == 4 and args[0] is handle and not kwargs:
            args = args[1:]
        _exit_side_effect(*args, **kwargs)

    def reset_data(*args, **kwargs):  # type: (*Any, **Any) -> Any
        """The ``open`` mock's side effect: start the file again, then return the handle.

        ``readline`` gets a fresh generator too, unless the test set its own
        side effect.
        """
        current[0] = _stream(read_data)
        if handle.readline.side_effect == readline_lines[0]:
            readline_lines[0] = _readline_side_effect()
            handle.readline.side_effect = readline_lines[0]
        return _stdlib.DEFAULT

    if mock is None:
        mock = magic_mock(name="open", spec=open_names)

    handle = magic_mock(spec=file_names)
    handle.__enter__.return_value = handle

    for name in ("write", "read", "readline", "readlines"):
        getattr(handle, name).return_value = None  # None: "not set by the test"

    handle.read.side_effect = _read_side_effect
    readline_lines[0] = _readline_side_effect()
    handle.readline.side_effect = readline_lines[0]
    handle.readlines.side_effect = _readlines_side_effect
    handle.__iter__.side_effect = _iter_side_effect
    handle.__next__.side_effect = _next_side_effect
    handle.__exit__.side_effect = _exit_bound_or_not

    mock.side_effect = reset_data
    mock.return_value = handle
    return mock
