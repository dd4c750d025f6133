"""Office papers built in the tests (no binary fixtures): Word reports with python-docx,
workbooks with openpyxl, images with Pillow, and the hostile variants the upload refuses."""

import io
import os
import shutil
import zipfile

import pytest

SOFFICE_REASON = (
    "LibreOffice is not installed (Debian's libreoffice-writer-nogui and "
    "libreoffice-calc-nogui; .ci/run installs them)"
)


def soffice_missing() -> bool:
    """True where LibreOffice is missing; with SSCP_REQUIRE_LIBREOFFICE=1 (CI) that is an error."""
    missing = shutil.which("soffice") is None
    if missing and os.environ.get("SSCP_REQUIRE_LIBREOFFICE") == "1":
        raise pytest.UsageError(f"SSCP_REQUIRE_LIBREOFFICE=1 but {SOFFICE_REASON}.")
    return missing


needs_soffice = pytest.mark.skipif(soffice_missing(), reason=SOFFICE_REASON)


def section_marker(n: int) -> str:
    return f"Section marker {n:02d}"


def word_report(
    *,
    pages=12,
    subject="Domestic Abuse Strategy update",
    date_of_meeting="13 September 2018",
    report_to="Sefton Safer Communities Partnership",
) -> bytes:
    """A report on the "Report to" template: its heading, then one numbered section a page,
    each with a heading, a paragraph and a table, separated by page breaks."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph(f"Report to: {report_to}")
    if date_of_meeting:
        document.add_paragraph(f"Date of Meeting: {date_of_meeting}")
    if subject:
        document.add_paragraph(f"Subject: {subject}")
    for n in range(1, pages + 1):
        document.add_heading(f"{n}. {section_marker(n)}", level=1)
        document.add_paragraph(f"{n}.1 The partnership reviewed the strategy (part {n}).")
        table = document.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        for row, cells in enumerate(table.rows):
            for column, cell in enumerate(cells.cells):
                cell.text = f"R{row}C{column}-{n}"
        if n < pages:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def workbook(rows=20) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Referrals"
    sheet.append(["Ward", "Referrals", "Repeat"])
    for n in range(rows):
        sheet.append([f"Ward {n}", n * 3, n])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def png(size=(1600, 900), colour="navy") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg(size=(600, 800)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "JPEG")
    return out.getvalue()


def encrypted_ooxml() -> bytes:
    """What Word saves with a password: an OLE2 compound file holding an EncryptedPackage
    stream (just enough of one for the content check)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "EncryptedInfo".encode("utf-16-le") + b"\0" * 50
    directory += "EncryptedPackage".encode("utf-16-le") + b"\0" * 50
    return header + directory + b"\0" * 1024


def zip_with_encrypted_part() -> bytes:
    """A .docx whose document part is flagged as encrypted (zip's traditional encryption)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(out.getvalue())
    # zipfile writes no encrypted parts: set the flag in the local and central headers.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    return bytes(data)


def encrypted_odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml">'
            "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
        )
        archive.writestr("content.xml", "scrambled")
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx with a part unpacking to 30 MB from a few kB (over the 100-to-1 ratio)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (30 * 1024 * 1024))
    return out.getvalue()
