"""Module-level objects for the spec, autospec and patch tests to replace.

They live in their own module so that ``patch("_targets.name")`` has a real
import path to resolve, and so that the callers below look their callees up
through the module globals at call time, the way patched production code does.
"""

MODULE = __name__

SETTINGS = {"mode": "real"}


async def async_function(a, b, c=None):
    """An ``async def`` with a signature worth checking."""
    return ("real async_function", a, b, c)


def sync_function(a, b=None):
    """A plain function: patching it must not produce an AsyncMock."""
    return ("real sync_function", a, b)


async def async_generator_function(count):
    """An async generator function: calling it gives an async iterator, not an awaitable."""
    for index in range(count):
        yield index


async def await_async_function(*args, **kwargs):
    """Await ``async_function`` as found in this module's globals right now."""
    return await async_function(*args, **kwargs)


def call_sync_function(*args, **kwargs):
    """Call ``sync_function`` as found in this module's globals right now."""
    return sync_function(*args, **kwargs)


class Target(object):
    """A class mixing async and sync methods of every binding kind."""

    class_attribute = "real class attribute"

    def __init__(self, name="target"):
        self.name = name

    async def async_method(self, a, b=None):
        return ("real async_method", a, b)

    def sync_method(self, a):
        return ("real sync_method", a)

    @classmethod
    async def async_classmethod(cls, a):
        return ("real async_classmethod", a)

    @staticmethod
    async def async_staticmethod(a, b):
        return ("real async_staticmethod", a, b)

    @classmethod
    def sync_classmethod(cls, a):
        return ("real sync_classmethod", a)

    @staticmethod
    def sync_staticmethod(a):
        return ("real sync_staticmethod", a)

    async def async_no_args(self):
        return "real async_no_args"


class CallableTarget(object):
    """Instances are callable, so an autospec with ``instance=True`` is callable too."""

    def __call__(self, value):
        return value

    async def fetch(self, key):
        return key


class AsyncResource(object):
    """A real async context manager and async iterable, used as a spec."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        return False

    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration

    async def read(self, size):
        return b"x" * size

    def close(self):
        pass


async def fetch(url, timeout=None):
    """An ``async def`` to use as a spec: keywords bind to its parameters by name."""


def parse(text):
    """A sync function to use as a spec."""


class Catalogue(object):
    """A spec with a method and a nested class whose methods have signatures of their own."""

    def __init__(self):
        pass

    def search(self, term, limit=None):
        """A method."""

    class Page(object):
        def __init__(self, number):
            pass

        def item(self, index, default):
            """A method of a nested class."""


def looping_function(a):
    """A function whose ``__wrapped__`` chain never ends: its signature cannot be read."""


looping_function.__wrapped__ = looping_function


async def looping_async_function(a):
    """The same loop on an ``async def``."""


looping_async_function.__wrapped__ = looping_async_function
