"""The package keeps the layer map of docs/architecture.md: each module imports only modules below it."""
import ast
import pathlib
import re

import asyncmock
from _support import SOURCE_ROOT

PACKAGE = pathlib.Path(asyncmock.__file__).resolve().parent
MAP = SOURCE_ROOT / "docs" / "architecture.md"


def layer_map():
    """The private modules in the order docs/architecture.md lists them, bottom first."""
    text = MAP.read_text(encoding="utf-8")
    section = text.split("## The package, bottom to top", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d+\. `(_\w+)`", section, flags=re.MULTILINE)


def our_imports(path):
    """Every asyncmock module *path* imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
            elif node.level == 0 and node.module and node.module.split(".")[0] == "asyncmock":
                parts = node.module.split(".")
                if len(parts) > 1:
                    found.add(parts[1])
                else:
                    found.update(alias.name for alias in node.names if alias.name.startswith("_"))
                    found.add("__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "asyncmock":
                    found.add(parts[1] if len(parts) > 1 else "__init__")
    return found


def test_the_map_lists_every_private_module_once():
    listed = layer_map()
    on_disk = sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__")
    assert len(listed) == len(set(listed))
    assert sorted(listed) == on_disk


def test_every_module_imports_only_modules_below_it():
    order = {name: index for index, name in enumerate(layer_map())}
    upward = []
    for name, index in order.items():
        for imported in sorted(our_imports(PACKAGE / (name + ".py"))):
            if order.get(imported, len(order)) >= index:
                upward.append("%s imports %s" % (name, imported))
    assert upward == []


def test_an_upward_import_inside_a_function_is_seen(tmp_path):
    module = tmp_path / "_low.py"
    module.write_text("def later():\n    from ._high import thing\n    import asyncmock\n")
    assert our_imports(module) == {"_high", "__init__"}
