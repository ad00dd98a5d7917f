"""Every Python example in the docs runs in this suite, so none can go stale.

A page shows code in one of two ways, each checked here, and never through a
Sphinx include directive, which a repository browser would show raw:

- a ``python`` code block made of excerpts of files in docs/examples/: each
  top-level statement (a def with its body, an import...) must appear in one
  of them, line for line in that order, comments and blank lines aside. The
  same holds for the reST ``.. code-block:: python`` examples inside the
  ``{eval-rst}`` fences of the API reference;
- a ``python`` code block that a test below runs (the example of
  testcase.md, run as the unittest module it is).

Each ``[start name]``/``[end name]`` region of a test_doc_*.py file must be on
some page, as a code block with its code.
"""
import importlib.abc
import importlib.util
import re
import sys
import unittest
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent
DOCS = EXAMPLES.parent
PAGES = sorted(
    page for page in DOCS.rglob("*.md")
    if EXAMPLES not in page.parents and "_build" not in page.parts
) + [DOCS.parent / "README.md"]

FENCE = re.compile(r"^(`{3,})\s*(?:(\{[\w-]+\})\s*(.*?)|([\w-]*).*?)\s*$")


def blocks(page):
    """(line number, directive or language, argument, option lines, body lines) per fenced block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        ticks, directive, argument, language = match.groups()
        start = index
        index += 1
        body = []
        while index < len(lines) and lines[index] != ticks:
            body.append(lines[index])
            index += 1
        index += 1
        options = [line for line in body if line.startswith(":")]
        body = [line for line in body if not line.startswith(":")] if directive else body
        found.append((start + 1, directive or language, argument, options, body))
    return found


RST_CODE_BLOCK = re.compile(r"^(\s*)\.\. (?:code-block|code|sourcecode):: (?:python|py)\s*$")


def rst_code_blocks(start, body):
    """(line number, body lines) per ``.. code-block:: python`` of an {eval-rst} fence's body."""
    found = []
    index = 0
    while index < len(body):
        match = RST_CODE_BLOCK.match(body[index])
        index += 1
        if not match:
            continue
        line = start + index  # the directive's own line: the fence is line start
        indent = len(match.group(1))
        block = []
        while index < len(body) and (
            not body[index].strip() or len(body[index]) - len(body[index].lstrip()) > indent
        ):
            block.append(body[index])
            index += 1
        code = [text for text in block if not re.match(r"^\s*:[\w-]+:", text)]
        margin = min((len(text) - len(text.lstrip()) for text in code if text.strip()), default=0)
        found.append((line, [text[margin:] for text in code]))
    return found


def python_blocks(page):
    """(line number, body lines) per python code block, reST ones of {eval-rst} fences included."""
    found = []
    for line, kind, _, _, body in blocks(page):
        if kind in ("python", "py"):
            found.append((line, body))
        elif kind == "{eval-rst}":
            found.extend(rst_code_blocks(line, body))
    return found


def code_lines(text_lines):
    """(indented, code) per line that carries code: comments and blank lines dropped."""
    kept = []
    for line in text_lines:
        code = re.sub(r"\s+#\s.*$", "", line).strip()
        if code and not code.startswith("#"):
            kept.append((line[:1].isspace(), code))
    return kept


def chunks(lines):
    """Split code lines into top-level statements, each with its indented body."""
    found = []
    for indented, code in lines:
        if indented and found and not found[-1][-1].startswith("@"):
            found[-1].append(code)
        elif found and found[-1][-1].startswith("@"):
            found[-1].append(code)  # a decorated def
        else:
            found.append([code])
    return found


IMPORT = re.compile(r"^from ([\w.]+) import (.+)$")


def same_line(shown, source):
    """Equal, or an import of fewer names from the same module."""
    if shown == source:
        return True
    shown_import, source_import = IMPORT.match(shown), IMPORT.match(source)
    if not (shown_import and source_import) or shown_import.group(1) != source_import.group(1):
        return False
    names = lambda match: {name.strip() for name in match.group(2).split(",")}  # noqa: E731
    return names(shown_import) <= names(source_import)


def is_excerpt(chunk, source):
    """True if the lines of chunk appear, in order, among those of source."""
    remaining = iter(source)
    return all(any(same_line(line, candidate) for candidate in remaining) for line in chunk)


#: The pytest-mock page shows the integration group's tests, where pytest-mock is installed.
PYTEST_MOCK_TESTS = DOCS.parent / "integration" / "pytest_mock"
EXAMPLE_SOURCES = {
    path.name: [code for _, code in code_lines(path.read_text(encoding="utf-8").splitlines())]
    for path in sorted(EXAMPLES.glob("*.py")) + sorted(PYTEST_MOCK_TESTS.glob("test_*.py"))
}


class PageLoader(importlib.abc.InspectLoader):
    """The loader of a module whose source is a page's code blocks.

    A module made without a loader has ``__spec__ = None``, and Python 3.15's
    linecache warns about such module globals (a DeprecationWarning: "Module
    globals is missing a __spec__.loader") whenever it meets one of their
    frames, as asyncio's debug mode does for every callback it schedules. With
    this loader the module has a proper spec, and tracebacks show the page's
    lines.
    """

    def __init__(self, source):
        self.source = source

    def get_source(self, fullname):
        return self.source


def run_testcase_page_example():
    """Run the unittest module that testcase.md shows; return its result."""
    [(_, imports), (_, module_source)] = python_blocks(DOCS / "testcase.md")
    source = "\n".join(imports + module_source)
    # The name the page runs it under.
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("test_orders", PageLoader(source)))
    sys.modules[module.__name__] = module
    try:
        exec(compile(source, "testcase.md", "exec"), module.__dict__)
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromModule(module).run(result)
    finally:
        del sys.modules[module.__name__]
    return result


#: Pages whose python blocks a test of this module runs, all of them
#: (test_the_testcase_page_example_passes_as_its_output_says).
RUN_HERE = {"testcase.md"}


def block_id(page, line):
    return "{}:{}".format(page.relative_to(DOCS.parent).as_posix(), line)


PYTHON_BLOCKS = [
    pytest.param(page, line, body, id=block_id(page, line))
    for page in PAGES
    if page.name not in RUN_HERE
    for line, body in python_blocks(page)
]


@pytest.mark.parametrize("page, line, body", PYTHON_BLOCKS)
def test_every_python_block_is_an_excerpt_of_an_example(page, line, body):
    for chunk in chunks(code_lines(body)):
        assert any(is_excerpt(chunk, source) for source in EXAMPLE_SOURCES.values()), (
            "{}: this code is in no file of docs/examples/: {!r}. Paste "
            "an excerpt of one".format(block_id(page, line), chunk[0])
        )


def test_no_page_shows_a_sphinx_include_directive():
    """A repository browser renders the Markdown as is: pages carry the code itself."""
    for page in PAGES:
        directives = [(line, kind) for line, kind, _, _, _ in blocks(page) if kind == "{literalinclude}"]
        assert not directives, "{}: {} would show as a raw directive".format(page.name, directives)


def test_the_testcase_page_example_passes_as_its_output_says():
    page = (DOCS / "testcase.md").read_text(encoding="utf-8")
    shown = sorted(re.findall(r"^(test_\w+) \(test_orders\.CheckoutTest\) \.\.\. ok$", page, re.M))

    result = run_testcase_page_example()

    assert result.wasSuccessful(), result.errors + result.failures
    assert result.testsRun == len(shown) == 5


def marked_regions(path):
    """name -> code lines of each [start name] ... [end name] region of an example file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    regions = {}
    for number, line in enumerate(lines):
        start = re.search(r"# \[start ([\w-]+)\]", line)
        if start:
            name = start.group(1)
            end = next(index for index in range(number + 1, len(lines))
                       if "[end {}]".format(name) in lines[index])
            regions[name] = [code for _, code in code_lines(lines[number + 1:end])]
    return regions


def test_the_pages_use_every_tutorial_and_guide_example():
    """Each [start name] block of a test_doc_*.py file is shown on some page, as a
    python code block with its code (comments and blank lines aside)."""
    shown_code = [
        [code for _, code in code_lines(body)] for page in PAGES for _, body in python_blocks(page)
    ]
    for path in sorted(EXAMPLES.glob("test_doc_*.py")):
        for name, region in marked_regions(path).items():
            marker = "[start {}]".format(name)
            assert region in shown_code, "{} of {} is on no page".format(marker, path.name)
