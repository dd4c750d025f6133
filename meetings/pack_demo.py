"""Demo: an uploaded paper for the 13 September 2018 agenda pack, generated in code.

The seed pack's item 7 is a six-page "Integrated Youth Service" report that arrived as a PDF with
its own header and footer. We render a fictional one with WeasyPrint at seed time (no binary in
the repository) and store it as an UploadedDocument. Idempotent.
"""

import datetime
import functools

from django.core.files.base import ContentFile

from meetings.models import AgendaItem, UploadedDocument
from meetings.paper_text import extract_text

UPLOAD_TITLE = "Integrated Youth Service - update to the Partnership, September 2018"
MEETING_DATE = datetime.date(2018, 9, 13)
ITEM_TITLE = "Integrated Youth Service"

_CSS = """
@page { size: A4; margin: 22mm 20mm 24mm 20mm;
  @top-left { content: "Sefton Council - Integrated Youth Service"; font-size: 8pt;
              vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt;
                  vertical-align: top; padding-top: 3mm; }
}
html { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 11pt; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; break-before: page; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #555; padding: 1mm 2mm; text-align: left; }
"""

_SECTIONS = [
    (
        "Youth Offending Team performance",
        "The Youth Offending Team is measured against three national indicators: first-time "
        "entrants to the youth justice system, the use of custody, and reoffending.",
        [
            ("First-time entrants (per 100,000)", "312", "287"),
            ("Custody (per 1,000)", "0.41", "0.35"),
            ("Reoffending rate", "41.2%", "38.9%"),
        ],
    ),
    (
        "Targeted youth prevention",
        "Outreach workers ran detached sessions in North Park, Netherton and Seaforth, and the "
        "youth bus visited areas with reports of anti-social behaviour.",
        [("Detached sessions", "96", "118"), ("Young people engaged", "1,240", "1,515")],
    ),
    (
        "Positive activities",
        "Holiday programmes were offered in all four localities, with partners from the "
        "voluntary sector and Merseyside Fire and Rescue Service.",
        [("Holiday programme places", "640", "720"), ("Volunteers", "38", "45")],
    ),
    (
        "Young people's voice",
        "The Youth Council met monthly and took part in the consultation on the refreshed "
        "Community Safety Strategy.",
        [("Youth Council meetings", "10", "11")],
    ),
    (
        "Next steps",
        "The service will report again to the Partnership in June 2019 with outturn figures "
        "for 2018/19. The Partnership is asked to note this report.",
        [],
    ),
]


@functools.cache
def youth_service_pdf() -> bytes:
    """A six-page PDF with its own running header and "Page x of 6" footer. All fictional."""
    import weasyprint

    body = [
        "<h1>Integrated Youth Service</h1>",
        "<p>Update to the Sefton Safer Communities Partnership, 13 September 2018.</p>",
        "<p>This report summarises the headlines and achievements of the Integrated Youth "
        "Service since June 2018. All figures in this demonstration document are fictional.</p>",
    ]
    for heading, text, rows in _SECTIONS:
        body.append(f"<h2>{heading}</h2><p>{text}</p>")
        if rows:
            body.append("<table><thead><tr><th>Measure</th><th>2017/18</th><th>Q1 2018/19</th>")
            body.append("</tr></thead><tbody>")
            body.extend(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
            body.append("</tbody></table>")
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{UPLOAD_TITLE}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def load_pack_demo() -> None:
    """Attach the generated PDF to the September meeting's Integrated Youth Service item."""
    item = (
        AgendaItem.objects.filter(meeting__date=MEETING_DATE, title=ITEM_TITLE)
        .order_by("order")
        .first()
    )
    if item is None or UploadedDocument.objects.filter(agenda_item=item).exists():
        return
    data = youth_service_pdf()
    UploadedDocument.objects.create(
        agenda_item=item,
        title=UPLOAD_TITLE,
        file=ContentFile(data, name="integrated-youth-service-2018-09.pdf"),
        size=len(data),
        text=extract_text(data),
    )
