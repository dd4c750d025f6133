"""Small builders shared by the assessments tests (no Django)."""

import io
import os
from pathlib import Path

import pytest
from openpyxl import Workbook

REPO = Path(__file__).resolve().parents[2]


def _missing(reason: str):
    """Skip saying what is missing, or fail when the run requires the shared samples."""
    if os.environ.get("SSCP_REQUIRE_SHARED") == "1":
        pytest.fail(reason + " and SSCP_REQUIRE_SHARED=1")
    pytest.skip(reason)


def shared_dir() -> Path:
    """The shared samples directory; skipped when absent unless SSCP_REQUIRE_SHARED=1."""
    path = Path(os.environ.get("SSCP_SHARED_DIR", REPO.parent / "shared"))
    if not path.is_dir():
        _missing(f"needs the shared samples: directory {path} not found (set SSCP_SHARED_DIR)")
    return path


def shared_sample(*parts: str) -> Path:
    """One file of the shared samples; a skip names the file (or a failure, if required)."""
    path = shared_dir().joinpath(*parts)
    if not path.is_file():
        _missing(f"needs the shared sample {'/'.join(parts)}: not found in {path.parent}")
    return path


def csv_bytes(*lines: str, bom: bool = False, crlf: bool = True) -> bytes:
    text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def error_tuples(result) -> list[tuple]:
    return [(e.line, e.column, e.value, e.reason) for e in result.errors]
