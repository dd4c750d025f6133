"""The rich-text editor of reports and minutes: what it offers, how it loads, what is stored."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from meetings.forms import RICH_TEXT_EXTENSIONS, MinuteForm, ReportForm
from meetings.html import RICH_TEXT_TAGS, clean_rich_text
from tests.factories import AgendaItemFactory, MinuteFactory

# What the editor sent for a section with every control the officer has (captured from Chromium).
EDITOR_HTML = (
    "<h2>Background</h2><p>Knife crime fell. <strong>A tenth.</strong><br>Since April.</p>"
    "<ul><li><p>first</p></li></ul><ol><li><p>second</p></li></ol>"
    '<p><a href="https://example.org" rel="noopener noreferrer">Home Office</a></p>'
    '<table><tbody><tr><th colspan="1" rowspan="1"><p>Crime</p></th></tr>'
    '<tr><td colspan="1" rowspan="1"><p>2018</p></td></tr></tbody></table>'
)


def test_the_editor_offers_only_what_the_sanitiser_keeps():
    offered = allowlist_from_extensions(RICH_TEXT_EXTENSIONS)["tags"]
    assert offered <= RICH_TEXT_TAGS
    assert {"h2", "h3", "h4", "strong", "ul", "ol", "li", "a", "table", "th", "td"} <= offered
    assert not offered & {"em", "u", "s", "img", "blockquote", "code", "h1", "span"}


def test_what_the_editor_sends_is_stored_unchanged():
    assert clean_rich_text(EDITOR_HTML) == EDITOR_HTML


def test_header_cells_and_their_scope_are_kept():
    """The editor's header row is <th>; a scope typed without JavaScript is kept too."""
    html = (
        '<table><tbody><tr><th scope="col">Year</th><th scope="col">Offences</th></tr>'
        '<tr><th scope="row">2018</th><td>412</td></tr></tbody></table>'
    )
    assert clean_rich_text(html) == html


def test_anything_else_is_removed_on_save():
    dirty = (
        '<p style="color:red" onclick="x()">Hi <u>there</u></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src="x">'
    )
    assert clean_rich_text(dirty) == '<p>Hi there</p><a rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize("form", ["report", "minute"])
def test_the_editor_is_a_textarea_started_by_a_local_module(form):
    if form == "report":
        rendered, media = ReportForm()["section_1_body"], ReportForm().media
    else:
        minute = MinuteFactory.build()
        minute_form = MinuteForm(minute=minute)
        rendered, media = minute_form["text"], minute_form.media
    html = str(rendered)
    assert html.startswith("<textarea")  # without JavaScript, the field is still usable
    assert "data-django-prose-editor-sscp=" in html
    media_html = str(media)
    assert "importmap" not in media_html  # an inline script: our CSP would refuse it
    assert '<script src="/static/meetings/rich-text.js" type="module">' in media_html
    for path in ["meetings/rich-text.css", "django_prose_editor/editor.css"]:
        assert f'href="/static/{path}"' in media_html
    # Served by us (whitenoise), never a CDN; rich-text.js imports the editor's bundle.
    for path in ["meetings/rich-text.js", "meetings/rich-text.css",
                 "django_prose_editor/editor.js", "django_prose_editor/editor.css"]:  # fmt: skip
        assert finders.find(path), path
    assert "http" not in media_html


@pytest.mark.django_db
def test_the_report_page_loads_the_editor_under_a_strict_policy(client, officer):
    item = AgendaItemFactory(meeting__status="draft")
    client.force_login(officer)
    response = client.get(reverse("meetings:report_new", args=[item.pk]))
    assert 'src="/static/meetings/rich-text.js"' in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_sanitised_html_is_always_shown_inside_the_rich_text_class(client, officer, analyst):
    """One class styles what the editor wrote (and frozen papers) on every page showing it."""
    from meetings import services
    from meetings.models import MeetingStatus, Minute

    item = AgendaItemFactory(meeting__status=MeetingStatus.AGENDA_PUBLISHED)
    report = services.report_save(
        item=item, user=officer, sections=[("Background", EDITOR_HTML)], report_to="SSCP",
        meeting_date=item.meeting.date, subject="S", report_of="O",
        recommendations="<ul><li><p>note it</p></li></ul>",
    )  # fmt: skip
    paper = services.frozen_paper_attach(
        agenda_item=item, title="T", kind="table", html="<table><tr><th>Crime</th></tr></table>",
        data_as_at="", source="", user=analyst,
    )  # fmt: skip
    services.minutes_generate_standard(meeting=item.meeting, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(
        minute=minute, user=officer, expected_version=None, number=minute.number, title="T",
        text="<ol><li><p>minuted</p></li></ol>", parts=[],
    )  # fmt: skip
    client.force_login(officer)
    pages = {
        reverse("meetings:report", args=[report.pk]): [
            EDITOR_HTML, "<ul><li><p>note it</p></li></ul>"
        ],
        reverse("meetings:frozen_paper", args=[paper.pk]): [paper.html],
        reverse("meetings:detail", args=[item.meeting.pk]): ["<ol><li><p>minuted</p></li></ol>"],
        reverse("meetings:minutes_print", args=[item.meeting.pk]): [
            "<ol><li><p>minuted</p></li></ol>"
        ],
    }  # fmt: skip
    for url, fragments in pages.items():
        page = client.get(url).content.decode()
        for html in fragments:
            assert f'<div class="app-rich-text">{html}</div>' in page, url
