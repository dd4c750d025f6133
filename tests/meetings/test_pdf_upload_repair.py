"""Uploads are opened by qpdf (pikepdf) first: encryption of every kind is refused as such, and
a file qpdf can repair is accepted and goes into the pack."""

import io

import pikepdf
import pytest

from meetings.pack_pdf import PackPart, assemble_pack, read_back
from meetings.pdf_checks import PASSWORD_PROTECTED, UploadRejected, validate_upload


def _pdf(**save) -> bytes:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pikepdf.Dictionary(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica")
        )
    )
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Partner paper) Tj ET")
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, **save)
    return out.getvalue()


@pytest.mark.parametrize(
    "encryption",
    [
        pikepdf.Encryption(user="secret", owner="owner", aes=True, R=6),
        pikepdf.Encryption(user="", owner="owner", aes=True, R=6),
        pikepdf.Encryption(user="", owner="owner", aes=True, R=4),
    ],
    ids=["aes-256", "aes-256-owner-only", "aes-128-owner-only"],
)
def test_an_aes_encrypted_upload_is_refused_as_password_protected(encryption):
    with pytest.raises(UploadRejected) as refused:
        validate_upload(_pdf(encryption=encryption))
    assert str(refused.value) == PASSWORD_PROTECTED


def test_an_upload_without_its_trailer_is_repaired_and_packed():
    whole = _pdf()
    damaged = whole[: whole.rfind(b"xref")]  # cut off the cross-reference table and trailer

    assert validate_upload(damaged) == []
    result = assemble_pack(
        lambda _ranges: _pdf(),
        [PackPart(3, "Partner paper", damaged, kind="upload")],
        title="Pack",
        author="Clerk",
    )
    assert result.warnings == []
    assert "Partner paper" in read_back(result.pdf)[2]
