"""The system clocks in virtual time: ``time.monotonic()``, ``time.time()``, ``datetime.now()``...

While installed, ``time.monotonic()`` is the virtual clock itself (what
``loop.time()`` gives), and ``time.time()``, ``time.perf_counter()``, their
``_ns`` forms, ``datetime.datetime.now()``/``today()`` and
``datetime.date.today()`` move on from their real values by as much as it
has.  The module attributes are replaced, which needs no dependency and
works on every interpreter; so code that looks the names up when it calls
them (``time.monotonic()``, ``datetime.datetime.now()``) sees virtual time,
and a name bound before (``from time import monotonic``) or C code reads the
real clocks.  Only the thread in virtual time sees it; other threads read
the real clocks.
"""
import datetime as _datetime
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

from ._compat import CLOCK_FUNCTIONS

__all__ = ["SystemClocks"]

_REAL_DATETIME = _datetime.datetime
_REAL_DATE = _datetime.date


def _nanoseconds(seconds: float) -> int:
    """*seconds* in whole nanoseconds, exact for whole seconds however large."""
    whole = int(seconds)
    return whole * 10 ** 9 + int(round((seconds - whole) * 10 ** 9))


def _in_nanoseconds(seconds: "Callable[[], float]") -> "Callable[[], int]":
    """The ``_ns`` form of the clock *seconds*."""
    return lambda: _nanoseconds(seconds())


class _AsReal(type):
    """The metaclass of the stand-in classes: ``isinstance`` answers as for the real class."""

    _real = object  # type: type

    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, cls._real)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, cls._real)


class SystemClocks:
    """Replace the system clocks of the ``time`` and ``datetime`` modules by ones that follow *now*."""

    def __init__(self, now: "Callable[[], float]", thread: int) -> None:
        self.now = now
        self.thread = thread
        self.real = {name: getattr(time, name) for name in CLOCK_FUNCTIONS}  # type: Dict[str, Any]
        self.start = now()
        self.wall = float(self.real["time"]())
        self.perf = float(self.real["perf_counter"]())
        self.saved = []  # type: List[Tuple[Any, str, Any]]

    def elapsed(self) -> float:
        return self.now() - self.start

    def wall_time(self) -> float:
        """``time.time()`` in virtual time."""
        return self.wall + self.elapsed()

    def install(self) -> None:
        values = {
            "time": self.wall_time,
            "monotonic": self.now,
            "perf_counter": lambda: self.perf + self.elapsed(),
        }  # type: Dict[str, Callable[[], float]]
        for name in CLOCK_FUNCTIONS:
            real = self.real[name]
            if name.endswith("_ns"):
                self._replace(time, name, self._on_thread(_in_nanoseconds(values[name[:-3]]), real))
            else:
                self._replace(time, name, self._on_thread(values[name], real))
        self._replace(_datetime, "datetime", self._datetime_class())
        self._replace(_datetime, "date", self._date_class())

    def uninstall(self) -> None:
        while self.saved:
            owner, name, original = self.saved.pop()
            setattr(owner, name, original)

    def _replace(self, owner: Any, name: str, value: Any) -> None:
        self.saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    def _on_thread(self, virtual: "Callable[[], Any]", real: "Callable[[], Any]") -> "Callable[[], Any]":
        """A clock function: virtual on the thread in virtual time, real elsewhere."""
        thread = self.thread
        get_ident = threading.get_ident

        def clock() -> Any:
            return virtual() if get_ident() == thread else real()

        clock.__name__ = getattr(real, "__name__", "clock")
        clock.__doc__ = getattr(real, "__doc__", None)
        return clock

    def _timestamp(self) -> float:
        return self.wall_time() if threading.get_ident() == self.thread else self.real["time"]()

    def _datetime_class(self) -> type:
        timestamp = self._timestamp

        class datetime(_REAL_DATETIME, metaclass=_AsReal):
            """``datetime.datetime``, whose ``now()`` and ``today()`` are in virtual time."""

            _real = _REAL_DATETIME

            def __new__(cls, *args: Any, **kwargs: Any) -> Any:
                return _REAL_DATETIME(*args, **kwargs)  # instances are the real class's

            @classmethod
            def now(cls, tz: "Optional[_datetime.tzinfo]" = None) -> Any:
                return _REAL_DATETIME.fromtimestamp(timestamp(), tz)

            @classmethod
            def today(cls) -> Any:
                return _REAL_DATETIME.fromtimestamp(timestamp())

        datetime.__module__ = "datetime"
        return datetime

    def _date_class(self) -> type:
        timestamp = self._timestamp

        class date(_REAL_DATE, metaclass=_AsReal):
            """``datetime.date``, whose ``today()`` is in virtual time."""

            _real = _REAL_DATE

            def __new__(cls, *args: Any, **kwargs: Any) -> Any:
                return _REAL_DATE(*args, **kwargs)

            @classmethod
            def today(cls) -> Any:
                return _REAL_DATE.fromtimestamp(timestamp())

        date.__module__ = "datetime"
        return date
