"""The agenda pack PDF engine: real WeasyPrint parts, read back with pypdf.

One pack is built per module (WeasyPrint takes a few tenths of a second a part):

    pages 1-2    front sheet
    pages 3-5    item 3, minutes (3 pages)
    page  6      blank
    pages 7-15   item 5, report (4 pages) then an uploaded PDF (5 pages: A4, A4 landscape,
                 US Letter, content to the very edge, A4 rotated a quarter turn)
    page  16     blank
    page  17     item 7, a placeholder page
    page  18     blank
    page  19     item 8, a stored upload that is damaged: a placeholder in its place
"""

import io
import re

import pytest
import weasyprint
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    TextStringObject,
)

from meetings import pack_pdf
from meetings.pack_pdf import (
    BLANK_PAGE_TEXT,
    MM,
    STAMP_CLEARANCE_CSS,
    PackPart,
    assemble_pack,
    format_page_range,
    missing_document_page,
    pack_title,
    plan_pages,
    read_back,
    render_html,
)
from meetings.pdf_checks import (
    DAMAGED,
    NO_TEXT,
    NOT_A_PDF,
    PASSWORD_PROTECTED,
    UploadRejected,
    page_intrudes,
    validate_upload,
)

A4_W, A4_H = 595.28, 841.89
PART_CSS = (
    STAMP_CLEARANCE_CSS
    + "@page { size: A4; margin-left: 20mm; margin-right: 20mm }"
    + "body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt }"
    + "section + section { break-before: page }"
)


def html_document(title, sections, css=PART_CSS):
    body = "".join(f"<section>{section}</section>" for section in sections)
    return (
        f'<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


def front_sheet_html(ranges, pages=2):
    items = [
        (3, "Minutes of Previous Meeting"),
        (5, "Integrated Youth Service"),
        (7, "Domestic Abuse Strategy Refresh"),
        (8, "Serious and Organised Crime"),
    ]
    lines = "".join(
        f"<p>{number}. {title} {format_page_range(*ranges[number])}</p>"
        for number, title in items
        if number in ranges
    )
    sections = [f"<h1>AGENDA</h1>{lines}"]
    sections += [f"<p>COMMITTEE OFFICER, sheet {n}</p>" for n in range(2, pages + 1)]
    return html_document("Agenda", sections)


def upload_pdf():
    """A PDF as another organisation would send it: its own footers, mixed page sizes."""
    css = (
        "@page { size: A4; margin: 25mm 20mm;"
        "  @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages);"
        "                   vertical-align: top } }"
        "@page wide { size: A4 landscape } @page letter { size: letter }"
        "@page bleed { margin: 0; @bottom-center { content: none } }"
        ".wide { page: wide } .letter { page: letter } .bleed { page: bleed }"
        ".top { margin: 0; text-align: right; font-size: 14pt }"
        ".bottom { position: absolute; bottom: 0; left: 0; right: 0; margin: 0;"
        "          text-align: center; font-size: 14pt }"
        "section + section { break-before: page } body { font-family: 'DejaVu Sans' }"
    )
    body = (
        "<section><h1>Domestic Abuse Strategy</h1><p>Upload portrait page.</p></section>"
        "<section class='wide'><p>Upload landscape page.</p></section>"
        "<section class='letter'><p>Upload letter page.</p></section>"
        "<section class='bleed'><p class='top'>TOP EDGE TEXT</p>"
        "<p class='bottom'>BOTTOM EDGE TEXT</p></section>"
        "<section><p>Upload rotated page.</p></section>"
    )
    pdf = weasyprint.HTML(string=f"<html><style>{css}</style><body>{body}</body></html>")
    reader = PdfReader(io.BytesIO(pdf.write_pdf()))
    writer = PdfWriter(clone_from=reader)
    writer.pages[4].rotate(90)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class FrontSheet:
    """The front-sheet callback: renders with the ranges it is given and remembers them."""

    def __init__(self, pages=2):
        self.pages = pages
        self.calls = []

    def __call__(self, ranges):
        self.calls.append(ranges)
        self.pdf = render_html(front_sheet_html(ranges, self.pages))
        return self.pdf


@pytest.fixture(scope="module")
def papers():
    minutes = render_html(
        html_document(
            "Minutes",
            [
                "<h1>Minutes of 14 June 2018</h1><h2>1. Apologies for absence</h2>",
                "<h2>2. Declarations of interest</h2><p>None.</p>",
                "<h2>3. Minutes of the previous meeting</h2><p>Confirmed.</p>",
            ],
        )
    )
    report = render_html(
        html_document(
            "Integrated Youth Service",
            [
                "<h1>Integrated Youth Service</h1><p>See the <a href='#recs'>"
                "recommendations</a>.</p>",
                "<h2>Background</h2><table><tr><th>Ward</th><td>Linacre</td></tr></table>",
                "<h2 id='recs'>Recommendations</h2><p>That the report be noted.</p>",
                "<h2>Appendix</h2><p>Last report page.</p>",
            ],
        )
    )
    return {
        "minutes": minutes,
        "report": report,
        "upload": upload_pdf(),
        "placeholder": missing_document_page("Strategy refresh.docx", "it is not a PDF."),
    }


def pack_parts(papers):
    return [
        PackPart(
            3,
            "Minutes of 14 June 2018",
            papers["minutes"],
            "minutes",
            "Minutes of Previous Meeting",
        ),
        PackPart(
            5,
            "Report of the Service Manager",
            papers["report"],
            "report",
            "Integrated Youth Service",
        ),  # fmt: skip
        PackPart(
            5,
            "Domestic Abuse Strategy (PDF)",
            papers["upload"],
            "upload",
            "Integrated Youth Service",
        ),  # fmt: skip
        PackPart(
            7,
            "Strategy refresh.docx",
            papers["placeholder"],
            "placeholder",
            "Domestic Abuse Strategy Refresh",
        ),  # fmt: skip
        PackPart(
            8,
            "Police update.pdf",
            b"%PDF-1.7\n1 0 obj <</Type /Cat",
            "upload",
            "Serious and Organised Crime",
        ),  # fmt: skip
    ]


@pytest.fixture(scope="module")
def built(papers):
    front_sheet = FrontSheet()
    result = assemble_pack(
        front_sheet,
        pack_parts(papers),
        title="Sefton Safer Communities Partnership - 13 September 2018 - Agenda pack",
        author="Sefton Safer Communities Partnership",
    )
    reader = PdfReader(io.BytesIO(result.pdf))
    return {
        "result": result,
        "reader": reader,
        "texts": [page.extract_text() for page in reader.pages],
        "front_sheet": front_sheet,
    }


def pack_numbers(text):
    return [int(n) for n in re.findall(r"^Page (\d+)$", text, re.MULTILINE)]


def item_labels(text):
    return [int(n) for n in re.findall(r"^Agenda Item (\d+)$", text, re.MULTILINE)]


ITEM_PAGES = {3: range(3, 6), 5: range(7, 16), 7: range(17, 18), 8: range(19, 20)}
BLANK_PAGES = [6, 16, 18]


# --- The pack's pages -------------------------------------------------------------------------


def test_it_numbers_every_page_with_its_place_in_the_pack(built):
    texts = built["texts"]
    assert len(texts) == 19
    for number, text in enumerate(texts, start=1):
        assert pack_numbers(text) == [number], text


def test_it_labels_each_items_pages_with_the_item(built):
    texts = built["texts"]
    for item, pages in ITEM_PAGES.items():
        for number in pages:
            assert item_labels(texts[number - 1]) == [item], (number, texts[number - 1])
    unlabelled = [1, 2, *BLANK_PAGES]
    for number in unlabelled:
        assert "Agenda Item" not in texts[number - 1]


def test_every_item_starts_on_an_odd_page_with_its_first_paper(built):
    texts = built["texts"]
    plan = built["result"].plan
    assert {item: (r.start, r.stop - 1) for item, r in ITEM_PAGES.items()} == plan.item_ranges
    assert all(start % 2 == 1 for start, _end in plan.item_ranges.values())
    assert "Minutes of 14 June 2018" in texts[2]
    assert "Integrated Youth Service" in texts[6]
    assert "Upload portrait page." in texts[10]  # the upload follows the report directly
    assert "Document not available" in texts[16]


def test_blank_pages_say_they_are_blank_and_nothing_else(built):
    texts = built["texts"]
    assert built["result"].plan.blank_pages == tuple(BLANK_PAGES)
    for number, text in enumerate(texts, start=1):
        if number in BLANK_PAGES:
            lines = set(text.splitlines())
            assert lines == {BLANK_PAGE_TEXT, f"Page {number}"}
        else:
            assert BLANK_PAGE_TEXT not in text


def test_the_front_sheet_shows_where_each_item_really_starts(built):
    front = built["texts"][0]
    texts = built["texts"]
    for item in (3, 5, 7, 8):
        labelled = [n for n, text in enumerate(texts, start=1) if item in item_labels(text)]
        assert format_page_range(labelled[0], labelled[-1]) in front
    assert "(Pages 7 - 15)" in front
    assert "(Page 17)" in front
    assert built["result"].front_sheet_renders == len(built["front_sheet"].calls) == 1


def test_a_longer_front_sheet_is_rendered_again_with_the_moved_ranges(papers):
    front_sheet = FrontSheet(pages=3)
    result = assemble_pack(front_sheet, pack_parts(papers)[:2], title="T", author="A")
    texts = read_back(result.pdf)
    assert result.front_sheet_renders == 2
    assert front_sheet.calls == [{3: (3, 5), 5: (7, 10)}, {3: (5, 7), 5: (9, 12)}]
    assert "(Pages 5 - 7)" in texts[0] and "(Pages 9 - 12)" in texts[0]
    assert item_labels(texts[4]) == [3] and item_labels(texts[8]) == [5]
    assert BLANK_PAGE_TEXT in texts[3] and BLANK_PAGE_TEXT in texts[7]


def test_a_damaged_stored_upload_becomes_a_placeholder_page_and_a_warning(built):
    page = built["texts"][18]
    assert "Document not available" in page
    assert "Police update.pdf" in page
    assert "damaged" in page
    (warning,) = built["result"].warnings
    assert warning.startswith("Agenda Item 8: 'Police update.pdf' could not be included")
    assert DAMAGED in warning


# --- Uploaded pages ---------------------------------------------------------------------------


def text_positions(page):
    """(text, x, y) of every piece of text, in default user space."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def position_of(page, wanted):
    matches = [(x, y) for text, x, y in text_positions(page) if text == wanted]
    assert len(matches) == 1, (wanted, text_positions(page))
    return matches[0]


def test_uploaded_pages_keep_their_own_footers_and_sizes(built):
    reader, texts = built["reader"], built["texts"]
    assert "Page 1 of 5" in texts[10] and "Page 3 of 5" in texts[12]
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in
             reader.pages[10:15]]  # fmt: skip
    assert sizes == [(595, 842), (842, 595), (612, 792), (595, 842), (595, 842)]
    assert reader.pages[14].rotation == 90


@pytest.mark.parametrize(
    ("number", "width"), [(11, A4_W), (12, A4_H), (13, 612.0), (14, A4_W)], ids=str
)
def test_stamps_sit_in_the_margins_of_each_page_size(built, number, width):
    page = built["reader"].pages[number - 1]
    height = float(page.mediabox.height)
    x, y = position_of(page, f"Page {number}")
    assert abs(x + pack_pdf._text_width(f"Page {number}", "/SSCPHelv", 10) / 2 - width / 2) < 1
    assert 4 * MM < y < 8 * MM
    x, y = position_of(page, "Agenda Item 5")
    assert width - 50 * MM < x < width - 12 * MM
    assert height - 12 * MM < y < height - 8 * MM


def test_a_rotated_page_is_stamped_along_its_displayed_edges(built):
    page = built["reader"].pages[14]  # A4 portrait turned 90 degrees: shown landscape
    x, y = position_of(page, "Page 15")
    # shown: u = y (across), v = width - x (up from the shown bottom edge)
    assert abs(y - A4_H / 2) < 20
    assert 4 * MM < A4_W - x < 8 * MM
    x, y = position_of(page, "Agenda Item 5")
    assert A4_H - 50 * MM < y < A4_H - 12 * MM
    assert A4_W - x > A4_W - 12 * MM


def test_a_page_with_content_at_its_edges_is_shrunk_clear_of_the_stamps(built, papers):
    original = PdfReader(io.BytesIO(papers["upload"])).pages[3]
    stamped = built["reader"].pages[13]
    for text in ("TOP EDGE TEXT", "BOTTOM EDGE TEXT"):
        _x, y_before = position_of(original, text)
        _x, y_after = position_of(stamped, text)
        assert y_before != pytest.approx(y_after, abs=1)
        assert 11 * MM <= y_after <= A4_H - 14.5 * MM
    # the pack's "Page 14" is below everything the upload draws
    _x, stamp_y = position_of(stamped, "Page 14")
    assert all(y > stamp_y + 3 * MM for t, _x, y in text_positions(stamped) if t != "Page 14")


def test_a_page_with_clear_margins_is_left_exactly_as_it_was(built, papers):
    original = PdfReader(io.BytesIO(papers["upload"])).pages[0]
    stamped = built["reader"].pages[10]

    def placed(page):
        return sorted(
            (text, round(x, 2), round(y, 2))
            for text, x, y in text_positions(page)
            if text not in ("Page 11", "Agenda Item 5")
        )

    assert placed(stamped) == placed(original)  # its own footer included, where it was
    assert "Page 1 of 5" in [text for text, _x, _y in placed(stamped)]


def test_an_upload_loses_its_scripts_but_keeps_its_web_links():
    reader = PdfReader(io.BytesIO(tiny_pdf()))
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[0]

    def link(action):
        return writer._add_object(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): RectangleObject([72, 700, 200, 720]),
                    NameObject("/A"): DictionaryObject(action),
                }
            )
        )

    page[NameObject("/Annots")] = ArrayObject(
        [
            link(
                {
                    NameObject("/S"): NameObject("/URI"),
                    NameObject("/URI"): TextStringObject("https://www.sefton.gov.uk/"),
                }
            ),  # fmt: skip
            link(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert(1)"),
                }
            ),  # fmt: skip
        ]
    )
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject()})
    out = io.BytesIO()
    writer.write(out)
    part = PackPart(3, "Scripted.pdf", out.getvalue(), "upload", "Minutes")
    result = assemble_pack(FrontSheet(), [part], title="T", author="A")
    stamped = PdfReader(io.BytesIO(result.pdf)).pages[2]
    actions = [annot.get_object()["/A"]["/S"] for annot in stamped["/Annots"]]
    assert actions == ["/URI"]
    assert "/AA" not in stamped


# --- Bookmarks, metadata, tags, links ---------------------------------------------------------


def outline_tree(reader, entries):
    tree = []
    for entry in entries:
        if isinstance(entry, list):
            tree[-1] = (*tree[-1][:2], outline_tree(reader, entry))
        else:
            tree.append((entry.title, reader.get_destination_page_number(entry) + 1, []))
    return tree


def test_bookmarks_give_each_item_and_each_of_its_papers(built):
    reader = built["reader"]
    tree = outline_tree(reader, reader.outline)
    assert [(title, page) for title, page, _children in tree] == [
        ("Agenda", 1),
        ("3. Minutes of Previous Meeting", 3),
        ("5. Integrated Youth Service", 7),
        ("7. Domestic Abuse Strategy Refresh", 17),
        ("8. Serious and Organised Crime", 19),
    ]
    item5 = tree[2][2]
    assert [(title, page) for title, page, _children in item5] == [
        ("Report of the Service Manager", 7),
        ("Domestic Abuse Strategy (PDF)", 11),
    ]
    report_headings = item5[0][2]
    assert report_headings[0][:2] == ("Integrated Youth Service", 7)
    assert [(t, p) for t, p, _c in report_headings[0][2]] == [
        ("Background", 8),
        ("Recommendations", 9),
        ("Appendix", 10),
    ]
    minutes = tree[1][2]
    assert minutes[0][:2] == ("Minutes of 14 June 2018", 3)
    assert [page for _t, page, _c in minutes[0][2][0][2]] == [3, 4, 5]


def test_the_pack_has_its_title_author_and_language(built):
    reader = built["reader"]
    title = "Sefton Safer Communities Partnership - 13 September 2018 - Agenda pack"
    assert reader.metadata.title == title
    assert reader.metadata.author == "Sefton Safer Communities Partnership"
    assert reader.xmp_metadata.dc_title == {"x-default": title}
    assert reader.root_object["/Lang"] == "en-GB"
    assert bool(reader.root_object["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert pack_title("Sefton Safer Communities Partnership", __import__("datetime").date(
        2018, 9, 13)) == title  # fmt: skip


def test_the_rendered_parts_keep_their_tags_in_the_pack(built):
    reader = built["reader"]
    root = reader.root_object["/StructTreeRoot"]
    assert bool(reader.root_object["/MarkInfo"]["/Marked"]) is True
    (document,) = root["/K"]
    document = document.get_object()
    assert document["/S"] == "/Document"
    parts = [kid.get_object() for kid in document["/K"]]
    assert [(p["/S"], p["/T"]) for p in parts] == [
        ("/Part", "Agenda"),
        ("/Part", "Minutes of 14 June 2018"),
        ("/Part", "Report of the Service Manager"),
    ]
    tagged_pages = [n for n, page in enumerate(reader.pages, start=1) if "/StructParents" in page]
    assert tagged_pages == [1, 2, 3, 4, 5, 7, 8, 9, 10]
    assert tagged_structure(reader).count("/H1") == 3


def tagged_structure(reader):
    """Check each tagged page's marked content points back at it; return the parents' types."""
    nums = reader.root_object["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    types = []
    for page in reader.pages:
        if "/StructParents" not in page:
            continue
        for element in tree[int(page["/StructParents"])]:
            element = element.get_object()
            assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum
            types.append(element["/P"].get_object()["/S"])
    return types


def test_the_same_paper_twice_gets_two_sets_of_tags(papers):
    minutes = pack_parts(papers)[0]
    result = assemble_pack(FrontSheet(), [minutes, minutes], title="T", author="A")
    reader = PdfReader(io.BytesIO(result.pdf))
    assert [item_labels(text) for text in read_back(result.pdf)[2:]] == [[3]] * 6
    assert tagged_structure(reader).count("/H1") == 3  # front sheet, minutes, minutes again


def test_a_pack_without_papers_is_its_front_sheet():
    result = assemble_pack(FrontSheet(), [], title="T", author="A")
    assert [pack_numbers(text) for text in read_back(result.pdf)] == [[1], [2]]
    assert result.plan.item_ranges == {}


def test_a_link_inside_a_report_still_goes_to_its_target_page(built):
    reader = built["reader"]
    (link,) = [a.get_object() for a in reader.pages[6].get("/Annots", [])]
    destination = link["/Dest"]  # WeasyPrint named it "recs"; in the pack it is explicit
    assert reader.get_page_number(destination[0].get_object()) + 1 == 9


def test_the_pack_costs_little_more_than_its_parts(built, papers):
    parts = sum(len(pdf) for pdf in papers.values()) + len(built["front_sheet"].pdf)
    # pypdf on its own writes every structure element as a separate object: about 1.5 times
    assert len(built["result"].pdf) < 1.2 * parts
    helvetica = {
        page["/Resources"]["/Font"].raw_get("/SSCPHelv").idnum for page in built["reader"].pages
    }
    assert len(helvetica) == 1  # one stamp font object, shared by every page


# --- Rendering --------------------------------------------------------------------------------


def test_render_html_counts_renders_and_makes_tagged_pdfs():
    before = pack_pdf.RENDERS.count
    heard = []
    pack_pdf.RENDERS.hooks.append(lambda: heard.append(1))
    try:
        pdf = render_html(html_document("Tiny", ["<p>One page.</p>"]))
    finally:
        pack_pdf.RENDERS.hooks.pop()
    assert pack_pdf.RENDERS.count == before + 1 and heard == [1]
    reader = PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.root_object
    assert reader.pdf_header == "%PDF-1.7"


# --- Planning ---------------------------------------------------------------------------------


class Counted:
    def __init__(self, item, pages):
        self.item_number, self.page_count, self.title = item, pages, f"item {item}"


def test_plan_pages_pads_only_before_items_that_would_start_on_an_even_page():
    plan = plan_pages([Counted(3, 2), Counted(4, 3), Counted(4, 1), Counted(6, 1)], 1)
    assert plan.part_starts == (3, 5, 8, 9)
    assert plan.blank_pages == (2,)
    assert plan.item_ranges == {3: (3, 4), 4: (5, 8), 6: (9, 9)}
    assert plan.total_pages == 9


def test_plan_pages_refuses_papers_of_one_item_apart():
    with pytest.raises(ValueError, match="not consecutive"):
        plan_pages([Counted(3, 1), Counted(4, 1), Counted(3, 1)], 2)


def test_page_ranges_are_worded_as_on_the_seed_agendas():
    assert format_page_range(5, 12) == "(Pages 5 - 12)"
    assert format_page_range(17, 17) == "(Page 17)"


def test_a_missing_document_page_names_the_document_and_why():
    (text,) = read_back(missing_document_page("Plan – draft ✓.xlsx", "it is not a PDF."))
    assert "Document not available" in text
    assert "Plan – draft ?.xlsx" in text  # outside Windows-1252: replaced, not an error
    assert "it is not a PDF." in text


# --- Upload checks ----------------------------------------------------------------------------


def tiny_pdf(content=b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", *, encrypt=None):
    writer = PdfWriter()
    page = writer.add_blank_page(A4_W, A4_H)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt is not None:
        writer.encrypt(user_password=encrypt, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_readable_pdf_is_accepted_without_warnings():
    assert validate_upload(tiny_pdf()) == []


def test_a_pdf_without_text_is_accepted_with_a_warning():
    assert validate_upload(tiny_pdf(b"0 0 1 rg 72 72 200 200 re f")) == [NO_TEXT]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, NOT_A_PDF),
        (b"Dear members, please find attached...", NOT_A_PDF),
        (tiny_pdf(encrypt="secret"), PASSWORD_PROTECTED),
        (tiny_pdf(encrypt=""), PASSWORD_PROTECTED),  # opens without one, still refused
        (b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R", DAMAGED),
        (b"%PDF-1.4\n" + bytes(range(256)) * 8, DAMAGED),
    ],
    ids=["png", "text", "password", "owner-password-only", "truncated", "garbage"],
)
def test_unusable_uploads_are_refused_with_a_clear_message(data, message):
    with pytest.raises(UploadRejected) as refused:
        validate_upload(data)
    assert str(refused.value) == message


# --- Finding content in the stamp zones -------------------------------------------------------

BOTTOM = [(0, 0, A4_W, 11 * MM)]


def page_with(content, resources=None):
    reader = PdfReader(io.BytesIO(tiny_pdf(content)))
    page = reader.pages[0]
    if resources:
        page["/Resources"].update(resources)
    return page


@pytest.mark.parametrize(
    ("content", "intrudes"),
    [
        (b"BT /F1 10 Tf 72 720 Td (Body) Tj ET", False),
        (b"BT /F1 10 Tf 280 12 Td (Footer) Tj ET", True),
        (b"BT /F1 10 Tf 1 0 0 1 280 400 Tm 0 -385 Td (Moved) Tj ET", True),
        (b"q 1 0 0 1 0 -700 cm BT /F1 10 Tf 280 712 Td (Shifted) Tj ET Q", True),
        (b"q 1 0 0 1 0 -700 cm Q BT /F1 10 Tf 280 712 Td (Restored) Tj ET", False),
        (b"1 g 0 0 595 842 re f", False),  # a white page background is not content
        (b"0 g 0 0 595 842 re f", True),
        (b"0 0 595 20 re W n 0 g 0 400 595 100 re f", False),  # clipped away
        (b"0 g 72 10 m 500 10 l S", True),
        (b"BT /F1 10 Tf 280 12 Td (a \\) \\( (nested) string) Tj ET", True),
        (b"q 100 0 0 20 250 5 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \xff EI Q", True),
    ],
    ids=[
        "body",
        "footer",
        "text-moves",
        "ctm",
        "q-Q",
        "white",
        "black",
        "clip",
        "rule",
        "strings",
        "inline-image",
    ],
)
def test_it_finds_what_a_page_draws_in_a_zone(content, intrudes):
    assert page_intrudes(page_with(content), BOTTOM) is intrudes


def test_it_looks_inside_form_xobjects():
    writer = PdfWriter()
    form = DecodedStreamObject()
    form.set_data(b"0 g 0 0 100 10 re f")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): RectangleObject([0, 0, 100, 100]),
        }
    )
    ref = writer._add_object(form)
    assert isinstance(ref, IndirectObject)
    page = page_with(
        b"q 1 0 0 1 250 0 cm /Fx Do Q",
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fx"): form})},
    )
    assert page_intrudes(page, BOTTOM) is True
    page = page_with(
        b"q 1 0 0 1 250 300 cm /Fx Do Q",
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fx"): form})},
    )
    assert page_intrudes(page, BOTTOM) is False
