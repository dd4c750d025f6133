"""Papers as authors send them: Word, OpenDocument, RTF, spreadsheets and images to PDF.

Django-free plain functions; ``meetings.services.run_conversion`` calls them off the web request
and docs/papers.md states the rules for users and deployers.

- ``check_upload`` recognises a file by its content (magic bytes, a zip's parts), never by its
  name alone: a name whose extension the content contradicts is refused, as is an encrypted or
  password-protected document and a zip bomb (``sscp.uploads.check_zip``, the one guard every
  zip upload passes).
- ``convert_office`` runs LibreOffice headless in a subprocess of its own: a fresh temporary
  profile with macros switched off, no network (a network namespace of its own where
  ``unshare`` allows one), a time limit and an address-space limit.
- ``image_to_pdf`` puts a PNG or JPEG on one A4 page with Pillow.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from sscp.uploads import Refused, check_xlsx, check_zip

PDF = "pdf"
#: extension -> (what the content must be, the kind's name for messages)
FORMATS = {
    ".pdf": (PDF, "PDF"),
    ".docx": ("docx", "Word document"),
    ".doc": ("ole2", "Word 97-2003 document"),
    ".odt": ("odt", "OpenDocument text"),
    ".rtf": ("rtf", "RTF document"),
    ".xlsx": ("xlsx", "Excel workbook"),
    ".xls": ("ole2", "Excel 97-2003 workbook"),
    ".ods": ("ods", "OpenDocument spreadsheet"),
    ".png": ("png", "PNG image"),
    ".jpg": ("jpeg", "JPEG image"),
    ".jpeg": ("jpeg", "JPEG image"),
}
OFFICE = {"docx", "ole2", "odt", "rtf", "xlsx", "ods"}
IMAGES = {"png", "jpeg"}
PACKAGES = "libreoffice-writer-nogui and libreoffice-calc-nogui"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_NAMES = {
    PDF: "a PDF",
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "odt": "an OpenDocument text",
    "ods": "an OpenDocument spreadsheet",
    "ole2": "an Office 97-2003 file",
    "rtf": "an RTF document",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "zip": "a zip archive",
}
# Macros never run: the profile says so before LibreOffice first starts with it.
_NO_MACROS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
"""  # noqa: E501


def accepted_extensions() -> list[str]:
    return list(FORMATS)


def extension(name: str) -> str:
    return Path(name).suffix.lower()


# --- Recognising the content -------------------------------------------------------------------


def sniff(data: bytes) -> str:
    """What the bytes are: a key of ``_NAMES``, "encrypted" (an OOXML file sealed with a
    password, which is an OLE2 file holding an EncryptedPackage stream) or "unknown"."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(_OLE2):
        return "encrypted" if "EncryptedPackage".encode("utf-16-le") in data else "ole2"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK"):
        return _sniff_zip(data)
    return "unknown"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _ODF.get(archive.read("mimetype").strip(), "zip")
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError, NotImplementedError):
        return "unknown"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def check_upload(name: str, data: bytes) -> str:
    """The kind of an uploaded paper (``FORMATS``' first value), or Refused saying why."""
    ext = extension(name)
    if ext not in FORMATS:
        raise Refused(
            f"a paper must be one of {', '.join(FORMATS)} (this file is {ext or 'un-named'})"
        )
    expected, label = FORMATS[ext]
    found = sniff(data)
    if found == "encrypted":
        raise Refused(
            f"the {label} is password-protected: save it without a password and upload it again"
        )
    if found != expected:
        what = _NAMES.get(found, "not a file type the app knows")
        raise Refused(
            f"the file is named {ext} but its content is {what}: check it is the right file"
        )
    if data.startswith(b"PK"):
        _check_package(data, found, label)
    return found


def _check_package(data: bytes, kind: str, label: str) -> None:
    """Zip-packaged documents: no encrypted parts, no zip bomb."""
    if kind == "xlsx":
        check_xlsx(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_zip(archive, label)
        if any(part.flag_bits & 0x1 for part in archive.infolist()):
            raise Refused(f"the {label} is encrypted: save it without a password")
        if kind in ("odt", "ods") and b"encryption-data" in _read_part(
            archive, "META-INF/manifest.xml"
        ):
            raise Refused(f"the {label} is password-protected: save it without a password")


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return b""


# --- LibreOffice --------------------------------------------------------------------------------


def soffice_path(command: str) -> str | None:
    """The LibreOffice executable, or None where it is not installed."""
    return shutil.which(command)


def missing_message() -> str:
    return (
        "Word, OpenDocument, RTF and spreadsheet papers cannot be converted here: LibreOffice "
        f"is not installed (Debian's {PACKAGES}). Upload a PDF instead."
    )


@functools.cache
def _no_network_prefix() -> tuple[str, ...]:
    """``unshare -n`` (a network namespace with no interfaces) where the process may create
    one; as an unprivileged user, ``unshare -rn``; otherwise nothing (docs/papers.md)."""
    for prefix in (("unshare", "-n"), ("unshare", "-rn")):
        if shutil.which(prefix[0]) is None:
            return ()
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)  # noqa: S603
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return prefix
    return ()


def convert_office(data: bytes, ext: str, *, command: str, timeout: int, memory_mb: int) -> bytes:
    """The PDF LibreOffice makes of an office file, or Refused saying why it could not."""
    executable = soffice_path(command)
    if executable is None:
        raise Refused(missing_message())
    with tempfile.TemporaryDirectory(prefix="sscp-convert-") as work:
        root = Path(work)
        source = root / f"paper{ext}"
        source.write_bytes(data)
        profile = root / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_NO_MACROS)
        out = root / "out"
        out.mkdir()
        argv = [
            *_no_network_prefix(),
            executable,
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(argv, timeout=timeout, memory_mb=memory_mb, home=root)
        result = out / "paper.pdf"
        if not result.exists() or result.stat().st_size == 0:
            raise Refused(
                "LibreOffice could not open the file: it may be damaged or password-protected"
            )
        return result.read_bytes()


def _run(argv: list[str], *, timeout: int, memory_mb: int, home: Path) -> None:
    limit = memory_mb * 1024 * 1024

    def limits():  # runs in the child before LibreOffice starts
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8"}
    try:
        process = subprocess.Popen(  # noqa: S603 - a fixed argv, no shell
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=home,
            preexec_fn=limits,  # noqa: PLW1509
            start_new_session=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:  # e.g. no room under the memory limit
        raise Refused(f"LibreOffice could not be started ({exc})") from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Refused(f"converting the file took longer than {timeout} seconds") from None
    finally:
        # LibreOffice's launcher may leave its worker behind: end the whole session it started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- Images -------------------------------------------------------------------------------------

_A4 = (8.27, 11.69)  # inches
_MARGIN = 0.6  # inches each side, clear of the pack's stamps
_MAX_PIXELS = 60_000_000


def image_to_pdf(data: bytes) -> bytes:
    """One A4 page (landscape for a wide image) with the image centred, never enlarged."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS  # a larger image is an error (DecompressionBombError)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise Refused(f"the image cannot be read: {exc}") from None
    width, height = picture.size
    page_in = _A4 if height >= width else (_A4[1], _A4[0])
    room = (page_in[0] - 2 * _MARGIN, page_in[1] - 2 * _MARGIN)
    dpi = max(150, width / room[0], height / room[1])
    page = Image.new("RGB", (round(page_in[0] * dpi), round(page_in[1] * dpi)), "white")
    page.paste(picture, ((page.width - width) // 2, (page.height - height) // 2))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=dpi)
    return out.getvalue()


# --- After converting ---------------------------------------------------------------------------


def count_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    except Exception as exc:  # pypdf raises many types for a damaged file
        raise Refused(f"the converted PDF cannot be read: {exc}") from None


def check_pages(pages: int, limit: int) -> None:
    if pages > limit:
        raise Refused(f"the paper converts to {pages:,} pages; a paper has at most {limit:,}")


def to_pdf(
    data: bytes, kind: str, ext: str, *, command, timeout, memory_mb, max_pages
) -> tuple[bytes, int]:
    """The PDF of an office file or image and its page count; Refused saying why not."""
    if kind in IMAGES:
        pdf = image_to_pdf(data)
    else:
        pdf = convert_office(data, ext, command=command, timeout=timeout, memory_mb=memory_mb)
    pages = count_pages(pdf)
    check_pages(pages, max_pages)
    return pdf, pages
