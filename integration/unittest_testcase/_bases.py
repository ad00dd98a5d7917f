"""The ``IsolatedAsyncioTestCase`` classes the tests here run under.

unittest's own (Python 3.8+), and asyncmock's where it is a class of its own
(its backport for 3.6 and 3.7): every test runs once under each that exists.
"""
import unittest

import asyncmock

STDLIB = getattr(unittest, "IsolatedAsyncioTestCase", None)
OURS = getattr(asyncmock, "IsolatedAsyncioTestCase", None)
BASES = {name: base for name, base in (("stdlib", STDLIB), ("asyncmock", OURS if OURS is not STDLIB else None))
         if base is not None}


def for_each_base(mixin):
    """Concrete test cases of *mixin*, one per base, named ``Test<Mixin><Base>``.

    Put the result in the test module's globals, where pytest and unittest
    collect TestCase subclasses.
    """
    cases = {}
    for key, base in BASES.items():
        name = "Test{}{}".format(mixin.__name__.strip("_"), key.capitalize())
        cases[name] = type(name, (mixin, base), {"__module__": mixin.__module__})
    return cases
