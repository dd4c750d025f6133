"""Issue 14: one of each shared piece. A second definition of any of these names in the apps,
a second Python HTML-table renderer or a second chart script fails here: import the one there
is instead (shared UI pieces live in sscp)."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APPS = ("sscp", "meetings", "assessments", "marac")
# Each name is defined (class, function or module-level assignment) exactly once, here.
ONE_OF_EACH = {
    "Rag": "sscp/rag.py",
    "breadcrumbs": "sscp/breadcrumbs.py",
    "url_fetcher": "sscp/pdf.py",
    "OBSERVATION_COLUMNS": "assessments/tables.py",
    "OPEN_FOR_PAPERS": "meetings/selectors.py",
    "VIEW": "meetings/view_helpers.py",
    "EDIT": "meetings/view_helpers.py",
}


def _modules(root: Path):
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(root).as_posix(), ast.parse(path.read_text("utf-8"))


def _defined(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def definitions(root: Path = REPO) -> dict[str, list[str]]:
    """Where each shared name is defined, and which modules build HTML tables in Python."""
    found = {name: [] for name in ONE_OF_EACH} | {"<table": []}
    for module, tree in _modules(root):
        for name in _defined(tree) & ONE_OF_EACH.keys():
            found[name].append(module)
        if "/demo/" not in module and any(
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.lstrip().startswith("<table")
            for node in ast.walk(tree)
        ):
            found["<table"].append(module)
    return {name: sorted(modules) for name, modules in found.items()}


def test_each_shared_piece_is_defined_once():
    assert definitions() == {name: [module] for name, module in ONE_OF_EACH.items()} | {
        "<table": ["marac/report.py"]
    }


def test_one_chart_script_draws_every_chart():
    scripts = [*REPO.glob("static/js/*"), *REPO.glob("*/static/**/*.*js")]
    drawing = [p.relative_to(REPO).as_posix() for p in scripts if "Plotly." in p.read_text("utf-8")]
    assert drawing == ["static/js/charts.mjs"]


def test_the_checker_finds_a_second_definition(tmp_path):
    (tmp_path / "sscp").mkdir()
    (tmp_path / "marac").mkdir()
    (tmp_path / "sscp" / "rag.py").write_text("class Rag:\n    pass\n")
    (tmp_path / "marac" / "models.py").write_text("Rag = None\nHTML = '<table>'\n")
    found = definitions(tmp_path)
    assert found["Rag"] == ["marac/models.py", "sscp/rag.py"]
    assert found["<table"] == ["marac/models.py"]
