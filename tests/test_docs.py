"""Docs and tests cannot drift from the hookspecs."""

import inspect
from pathlib import Path

from balrog_core import hookspecs

ROOT = Path(__file__).resolve().parents[1]
HOOKS = [
    (name, function) for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, "balrog_spec")
]


def test_the_hookspecs_are_found():
    assert len(HOOKS) == 9


def test_every_hookspec_is_documented_with_its_signature_and_an_example():
    docs = (ROOT / "docs" / "plugins.md").read_text()
    for name, function in HOOKS:
        params = ", ".join(inspect.signature(function).parameters)
        assert f"### {name}({params})" in docs, name
        assert f"def {name}(" in docs, f"{name} has no example"


def test_every_hook_has_a_test():
    sources = "\n".join(path.read_text() for path in (ROOT / "tests").rglob("test_*.py")
                        if path.name != "test_docs.py")
    sources += (ROOT / "tests" / "testgame.py").read_text()
    for name, _ in HOOKS:
        assert f"def {name}(" in sources, f"no test implements {name}"


def test_the_public_api_is_explicit():
    import balrog_core

    for name in balrog_core.__all__:
        assert getattr(balrog_core, name) is not None


def test_requirements_install_every_plugin():
    listed = {line.split("/")[-1].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
              if line.startswith("-e ./plugins/")}
    present = {path.name for path in (ROOT / "plugins").iterdir() if (path / "pyproject.toml").exists()}
    assert listed == present


def _readme_run_block() -> str:
    text = (ROOT / "README.md").read_text()
    block = text.split("## Commands", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    lines = block.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("balrog run "))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("balrog ")), len(lines))
    return "\n".join(lines[start:end])


def test_the_readme_run_block_lists_every_option_of_balrog_run():
    import re

    from balrog_core.cli import run

    documented = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-o)\b", _readme_run_block()))
    params = [param for param in run.params if param.param_type_name == "option"]
    missing = [param.opts[-1] for param in params if not documented & set(param.opts)]
    assert missing == [], "balrog run options missing from the README"
    known = {opt for param in params for opt in [*param.opts, *param.secondary_opts]}
    assert sorted(documented - known) == [], "README names options balrog run does not have"


PUBLIC_MODULES = ["balrog_core", "balrog_core.harness", "balrog_core.parsing", "balrog_core.retrying",
                  "balrog_core.testing"]
# Tests drive the command line as a person does.
TEST_ONLY_MODULES = ["balrog_core.cli"]


def test_the_author_tier_is_short():
    import balrog_core

    assert len(balrog_core.__all__) <= 35


def test_every_public_name_is_in_the_plugin_docs():
    import importlib

    docs = (ROOT / "docs" / "plugins.md").read_text()
    for module in PUBLIC_MODULES:
        for name in importlib.import_module(module).__all__:
            assert f"`{name}" in docs, f"{module}.{name} is not in docs/plugins.md"


def _core_imports(path: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("balrog_core"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("balrog_core"))
    return found


def test_plugins_and_examples_import_only_the_public_modules():
    offenders = []
    for path in sorted([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "examples").rglob("*.py")]):
        allowed = PUBLIC_MODULES + (TEST_ONLY_MODULES if "tests" in path.parts else [])
        offenders += [f"{path.relative_to(ROOT)}: {module}" for module in _core_imports(path) if module not in allowed]
    assert offenders == []
