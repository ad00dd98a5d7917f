"""Sphinx configuration: Markdown pages (MyST) and an API reference from the docstrings.

``python3 scripts/docs.py`` builds the site with ``-W --keep-going -n``: any
warning fails the build, and every cross-reference must resolve. The build
has no network, so instead of intersphinx, references to the standard library
are turned into links to docs.python.org by :func:`link_to_stdlib` below. The
reference page documents the members asyncmock defines, not those inherited
from ``unittest.mock`` (see ``STDLIB_CLASS_NAMES``), and
:func:`check_public_names_documented` fails the build if a public name is
missing from it.

The pages link example files as ``[name.py](examples/name.py)``, which a
repository browser shows as the file. In the site, each ``examples/*.py``
file is an HTML page of its own with the highlighted source, made at write
time (:func:`example_pages`), and those links go to it
(:func:`link_examples_to_their_pages`). No source file is generated: nothing
is written into docs/, which the sdist packs.
"""
import inspect
import unittest.mock
from pathlib import Path

import asyncmock
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

project = "asyncmock"
author = "the asyncmock authors"
copyright = "the asyncmock authors"
version = release = asyncmock.__version__

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# examples/ is test code, not pages of Markdown: its files are shown on the
# pages as code blocks, and each on a page of its own (see "example pages").
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
#: classes (virtual_time's overloads name its TypeVar and what it returns
#: without a function), and the stdlib's InvalidSpecError under its bare name.
nitpick_ignore = [
    ("py:class", "AutospecFunction"),
    ("py:class", "asyncmock._virtual_time._F"),
    ("py:class", "asyncmock._virtual_time.VirtualTime"),
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
    from asyncmock._features import EXTRA_NAMES

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


# --- example pages ------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent / "examples"


def example_page_name(filename):
    """The page of an example file ("examples/userapi"), or None for other files."""
    path = Path(filename).resolve()
    if path.parent == EXAMPLES and path.suffix == ".py" and path.is_file():
        return "examples/" + path.stem
    return None


def link_examples_to_their_pages(app, doctree):
    """Turn the links to examples/*.py, downloads for MyST, into references to their pages.

    Runs before Sphinx collects the downloads (priority 100 < 500), so the
    files are not copied to _downloads/. The reference is left pending and
    resolved by :func:`resolve_example_reference`, for the builder at hand.
    """
    docname = app.env.current_document.docname
    for node in list(doctree.findall(addnodes.download_reference)):
        _, filename = app.env.relfn2path(node["reftarget"], docname)
        page = example_page_name(filename)
        if page is None:
            continue
        xref = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", reftarget="/" + page, refexplicit=True,
            refdoc=docname, asyncmock_example=page,
        )
        xref += nodes.inline("", "", *node.children)
        node.replace_self(xref)


def resolve_example_reference(app, env, node, contnode):
    """The URI of an example's page, for the links of link_examples_to_their_pages."""
    page = node.get("asyncmock_example")
    if page is None or app.builder.format != "html":
        return None
    uri = app.builder.get_relative_uri(node["refdoc"], page)
    reference = nodes.reference("", "", internal=True, refuri=uri, reftitle=page + ".py")
    reference.append(contnode)
    return reference


def example_pages(app):
    """One HTML page per docs/examples/*.py: its title and its highlighted source."""
    import html

    for path in sorted(EXAMPLES.glob("*.py")):
        page = example_page_name(path)
        code = app.builder.highlighter.highlight_block(
            path.read_text(encoding="utf-8"), "python", location=str(path)
        )
        title = html.escape(path.name)
        body = (
            '<section id="{id}">\n<h1>{title}</h1>\n'
            "<p>The example file <code>docs/examples/{title}</code>, which the test suite "
            "runs.</p>\n{code}</section>\n"
        ).format(id=html.escape(path.stem.replace("_", "-")), title=title, code=code)
        yield page, {"title": path.name, "body": body}, "page.html"


def setup(app):
    app.connect("doctree-read", link_examples_to_their_pages, priority=100)
    app.connect("missing-reference", resolve_example_reference, priority=100)
    app.connect("html-collect-pages", example_pages)
    app.connect("autodoc-process-docstring", google_sections)
    app.connect("autodoc-process-signature", check_inherited_members_option)
    app.connect("missing-reference", link_to_stdlib)
    app.connect("env-check-consistency", check_public_names_documented)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
