"""The PDF libraries are pinned exactly; an upgrade that changes what the pack is breaks here.

A pack of a rendered report and an upload (with its own bookmarks, and damaged so qpdf repairs
it) is read back with both libraries: its outline titles and pages, its stamps, its structure
tree and the way it is written (PDF 1.5 object streams) are the golden properties.
"""

import io

import pikepdf
import pypdf
import pytest

from meetings.pack_pdf import STAMP_CLEARANCE_CSS, PackPart, assemble_pack, read_back, render_html


def test_the_pdf_libraries_are_the_pinned_versions():
    assert pikepdf.__version__ == "10.18.0"
    assert pikepdf.__libqpdf_version__ == "12.4.2"
    assert pypdf.__version__ == "7.1.1"


def _html(title: str, headings: list[str]) -> str:
    sections = "".join(
        f"<section style='break-before: page'><h2>{h}</h2><p>{title} text.</p></section>"
        for h in headings
    )
    return (
        f"<html lang='en-GB'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{STAMP_CLEARANCE_CSS}</style></head><body><h1>{title}</h1>{sections}</body></html>"
    )


@pytest.fixture(scope="module")
def pack():
    upload = render_html(_html("Partner paper", ["Summary", "Figures"]))
    upload = upload[: upload.rfind(b"startxref")] + b"startxref\n9\n%%EOF\n"  # qpdf repairs it
    result = assemble_pack(
        lambda _ranges: render_html(_html("Agenda", [])),
        [
            PackPart(
                3,
                "Report of the Manager",
                render_html(_html("Youth Service", ["Aims"])),
                kind="report",
                item_title="Youth Service",
            ),
            PackPart(3, "Partner paper (PDF)", upload, kind="upload"),
        ],
        title="Partnership pack",
        author="Clerk",
    )
    assert result.warnings == []
    return result.pdf


def _outline(items, pdf) -> list:
    pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    tree = []
    for item in items:
        target = item.destination if item.destination is not None else item.action.D
        tree.append((item.title, pages[target[0].objgen], _outline(item.children, pdf)))
    return tree


def test_the_outline_is_golden(pack):
    with pikepdf.open(io.BytesIO(pack)) as pdf, pdf.open_outline() as outline:
        tree = _outline(outline.root, pdf)
    assert tree == [
        ("Agenda", 1, []),
        (
            "3. Youth Service",
            3,
            [
                ("Report of the Manager", 3, [("Youth Service", 3, [("Aims", 4, [])])]),
                (
                    "Partner paper (PDF)",
                    5,
                    [("Partner paper", 5, [("Summary", 6, []), ("Figures", 7, [])])],
                ),
            ],
        ),
    ]


def test_the_stamps_and_the_writing_are_golden(pack):
    pages = read_back(pack)
    assert len(pages) == 7
    assert all(f"Page {n}" in text for n, text in enumerate(pages, start=1))
    assert all("Agenda Item 3" in text for text in pages[2:])
    assert "Agenda Item" not in pages[0]
    assert pack.startswith(b"%PDF-1.")
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert pdf.pdf_version >= "1.5"
        assert any(
            obj.get("/Type") == "/ObjStm" for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
        )
        document = pdf.Root.StructTreeRoot.K
        assert [str(tag.S) for tag in document] == ["/Document"]
        assert [str(part.S) for part in document[0].K] == ["/Part"] * 3  # agenda, report, upload
        assert str(pdf.docinfo.Title) == "Partnership pack"
