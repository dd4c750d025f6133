"""Issue 14: no function in the apps is over 80 lines (one function per step)."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APPS = ("sscp", "meetings", "assessments", "marac")
LIMIT = 80


def long_functions(root: Path = REPO, limit: int = LIMIT) -> list[str]:
    """Every function or method longer than `limit` lines (decorators included)."""
    found = []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    length = node.end_lineno - start + 1
                    if length > limit:
                        found.append(
                            f"{path.relative_to(root)}:{node.lineno} {node.name} ({length})"
                        )
    return found


def test_no_app_function_is_over_80_lines():
    assert long_functions() == []


def test_the_checker_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{n} = {n}" for n in range(LIMIT))
    (tmp_path / "sscp").mkdir()
    (tmp_path / "sscp" / "long.py").write_text(f"def long():\n{body}\n")
    assert long_functions(tmp_path) == ["sscp/long.py:1 long (81)"]
