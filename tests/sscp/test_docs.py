"""The product documents itself: the docs live in the repository, never point outside it, and
name every column and value the importers and figures use, so they cannot drift."""

from pathlib import Path

import pytest

from assessments.police_uk import CRIME_TYPES, HISTORIC_CRIME_TYPES
from assessments.readers import FORMATS
from marac.definitions import DEFINITIONS
from marac.figures import (
    ACTION_COLUMNS,
    ATTENDANCE_COLUMNS,
    BUCKETS,
    CATEGORIES,
    DISCUSSION_COLUMNS,
    marac_figures,
)
from marac.imports import COLUMNS, YES_NO_SPELLINGS
from marac.models import AttendanceStatus, ReferralBasis

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
MARAC = (DOCS / "marac-import.md").read_text()
ASSESSMENTS = (DOCS / "assessment-imports.md").read_text()


def _documents():
    yield ROOT / "README.md"
    for folder in ("docs", "templates"):
        yield from sorted(path for path in (ROOT / folder).rglob("*") if path.is_file())


@pytest.mark.parametrize("path", list(_documents()), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_document_sends_the_reader_outside_the_repository(path):
    text = path.read_text(errors="replace")
    assert "../shared" not in text
    assert "shared/spec" not in text


def test_the_docs_index_links_every_page_and_the_readme_links_the_docs():
    index = (DOCS / "README.md").read_text()
    for page in sorted(DOCS.glob("*.md")):
        if page.name != "README.md":
            assert f"({page.name})" in index, page.name
    readme = (ROOT / "README.md").read_text()
    assert "docs/marac-import.md" in readme
    assert "docs/assessment-imports.md" in readme


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_every_marac_import_column_is_documented(kind):
    assert f"## {kind}:" in MARAC
    section = MARAC.split(f"## {kind}:", 1)[1].split("\n## ", 1)[0]
    for name, required in COLUMNS[kind].items():
        assert f"| `{name}` | {'yes' if required else 'no'} |" in section, (kind, name)


def test_every_marac_value_category_bucket_and_definition_is_documented():
    words = [
        *ReferralBasis.values,
        *AttendanceStatus.values,
        *CATEGORIES,
        *BUCKETS,
        *(definition.key for definition in DEFINITIONS),
    ]
    missing = [word for word in words if f"`{word}`" not in MARAC]
    assert not missing
    assert all(f"`{spelling}`" in MARAC for spelling in YES_NO_SPELLINGS)


def test_every_figure_key_is_documented():
    import datetime

    import pandas as pd

    figures = marac_figures(
        pd.DataFrame(columns=list(DISCUSSION_COLUMNS)),
        pd.DataFrame(columns=list(ACTION_COLUMNS)),
        pd.DataFrame(columns=list(ATTENDANCE_COLUMNS)),
        start=datetime.date(2017, 4, 1),
        end=datetime.date(2018, 3, 31),
    )
    missing = [key for key in figures if f"`{key}`" not in MARAC]
    assert not missing, missing


def test_every_assessment_format_and_crime_type_is_documented():
    for format in (*FORMATS, "boundaries"):
        assert f"## {format}:" in ASSESSMENTS, format
    for crime_type in (*CRIME_TYPES, *HISTORIC_CRIME_TYPES):
        assert crime_type in ASSESSMENTS.replace("\n", " "), crime_type
