"""Sphinx configuration: Markdown pages (MyST) and an API reference from the docstrings.

``python3 scripts/docs.py`` builds the site with ``-W --keep-going -n``: any
warning fails the build, and every cross-reference must resolve. The build
has no network, so instead of intersphinx, references to the standard library
are turned into links to docs.python.org by :func:`link_to_stdlib` below. The
reference page documents the members asyncmock defines, not those inherited
from ``unittest.mock`` (see ``STDLIB_CLASS_NAMES``), and
:func:`check_public_names_documented` fails the build if a public name is
missing from it.
"""
import inspect
import unittest.mock

import asyncmock
from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

project = "asyncmock"
author = "the asyncmock authors"
copyright = "the asyncmock authors"
version = release = asyncmock.__version__

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# examples/ is test code, shown through literalinclude, not pages.
exclude_patterns = ["_build", "examples"]

# Section anchors for links such as features.md#strict-mode.
myst_heading_anchors = 3

html_theme = "furo"
html_title = "asyncmock " + release

# --- API reference -----------------------------------------------------------

#: Classes of the standard library whose members the reference leaves to the
#: standard library's own documentation. autodoc walks each documented class's
#: MRO and stops at the first class with one of these names: asyncmock's
#: mixins all come before it, so exactly the members asyncmock defines (or
#: overrides) are documented.
STDLIB_CLASS_NAMES = sorted(
    {
        cls.__name__
        for public in (unittest.mock.AsyncMock, unittest.mock.MagicMock, unittest.mock.PropertyMock)
        for cls in inspect.getmro(public)
        if cls.__module__.startswith("unittest")
    }
    | {"NonCallableMagicMock", "object"}
)

# Only the directives that ask for members get them; those that want all
# of a class's members name STDLIB_CLASS_NAMES in :inherited-members:, and
# check_inherited_members_option below keeps that list in step.
autodoc_default_options = {"member-order": "groupwise"}
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True

#: Names that docstrings mention but the reference does not document: private
#: classes, and the stdlib's InvalidSpecError under its bare name.
nitpick_ignore = [
    ("py:class", "AutospecFunction"),
    ("py:exc", "InvalidSpecError"),
]


def google_sections(app, what, name, obj, options, lines):
    """Turn the Google-style sections of docstrings ("Raises:") into fields.

    napoleon's parser, applied to functions, methods and classes only: on a
    property it would take "What ``async with`` binds: ..." for a type.
    """
    if what in ("attribute", "property", "data"):
        return
    from sphinx.ext.napoleon import Config
    from sphinx.ext.napoleon.docstring import GoogleDocstring

    lines[:] = GoogleDocstring(lines, Config(), app, what, name, obj, options).lines()


# --- links to the standard library, without intersphinx ---------------------

STDLIB_DOCS = "https://docs.python.org/3.13/library/"
#: Modules whose objects get a link: module -> its page in the Python docs.
STDLIB_PAGES = {
    "unittest.mock": "unittest.mock.html",
    "unittest": "unittest.html",
    "asyncio": "asyncio.html",
    "inspect": "inspect.html",
    "contextvars": "contextvars.html",
    "typing": "typing.html",
}


def link_to_stdlib(app, env, node, contnode):
    """Resolve ``unittest.mock.Mock`` and the like to the Python documentation.

    Only names of the modules in STDLIB_PAGES: a typo in an asyncmock name
    stays unresolved, and ``-n`` makes it fail the build.
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    module = max(
        (name for name in STDLIB_PAGES if target.startswith(name + ".")), key=len, default=None
    )
    if module is None:
        return None
    anchor = target if module != "asyncio" else ""
    url = STDLIB_DOCS + STDLIB_PAGES[module] + ("#" + anchor if anchor else "")
    reference = nodes.reference("", "", internal=False, refuri=url, reftitle=target)
    reference.append(contnode)
    return reference


# --- the reference must cover the public API ---------------------------------


def check_public_names_documented(app, env):
    """Warn (an error under ``-W``) for a public name the reference leaves out.

    Every name in ``asyncmock.__all__`` and, on ``AsyncMock``, every name
    asyncmock adds to the stdlib's mocks must be a documented object.
    """
    from asyncmock._extras import EXTRA_NAMES

    documented = set(env.get_domain("py").objects)
    wanted = ["asyncmock." + name for name in asyncmock.__all__]
    wanted += ["asyncmock.AsyncMock." + name for name in sorted(EXTRA_NAMES)]
    for name in wanted:
        if name not in documented:
            logger.warning("public name not in the API reference: %s", name, location="reference")


def check_inherited_members_option(app, what, name, obj, options, signature, return_annotation):
    """Warn if a class lists other stdlib classes than STDLIB_CLASS_NAMES to stop at."""
    stop = options.get("inherited_members")
    if what == "class" and stop and sorted(stop) != STDLIB_CLASS_NAMES:
        logger.warning(
            ":inherited-members: of %s should be %s", name, ", ".join(STDLIB_CLASS_NAMES)
        )


def setup(app):
    app.connect("autodoc-process-docstring", google_sections)
    app.connect("autodoc-process-signature", check_inherited_members_option)
    app.connect("missing-reference", link_to_stdlib)
    app.connect("env-check-consistency", check_public_names_documented)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
