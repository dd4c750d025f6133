"""Forms for the committee officer's pages, laid out with the GOV.UK pack of crispy-forms.

Forms only collect and type-check input; the rules live in meetings.services, whose
ValidationErrors the views attach to the fields they name.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django_prose_editor.widgets import ProseEditorWidget

from meetings.models import (
    ActionStatus,
    AgendaItem,
    Alert,
    AlertPreference,
    AttendanceStatus,
    Body,
    DeclarationKind,
    ItemKind,
    MeetingState,
    MembershipRole,
    Minute,
    Person,
    Rag,
    Recurrence,
    UploadedDocument,
    Venue,
)
from meetings.selectors import (
    OVERDUE,
    agenda_items_open_for_papers,
    organisations_owning_actions,
    partner_organisations,
)
from sscp.confirmation import ReasonForm
from sscp.dates import period_errors
from sscp.forms import DateField, DateInputField
from sscp.models import Organisation

# What the rich-text editor offers: headings, lists, bold, tables and links. Whatever it sends
# (or a browser without JavaScript types into the textarea) is sanitised on save by
# meetings.html.clean_rich_text, whose allowed tags cover all of these.
RICH_TEXT_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
    "NoSpellCheck": False,  # minute writers want the browser's spelling check
}
RICH_TEXT_HINT = (
    "Headings, lists, bold, tables and links. Without JavaScript, write limited HTML "
    "(h2-h4, p, ul, ol, li, strong, table, a); anything else is removed when you save."
)


class RichTextWidget(ProseEditorWidget):
    """django-prose-editor's textarea, started by our own module (meetings/rich-text.js).

    Its stock media need an inline import map, which our Content-Security-Policy refuses; these
    are plain files served by us. Without JavaScript the field is the textarea.
    """

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"rows": 8, "class": "govuk-textarea", **(attrs or {})},
            config={"extensions": RICH_TEXT_EXTENSIONS},
            preset="sscp",
        )

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "meetings/rich-text.css",
                ]
            },
            js=[forms.Script("meetings/rich-text.js", type="module")],
        )


def version_field() -> forms.IntegerField:
    """The version an edit form was read at. Required on every edit form: a save without it
    is refused, never let past the stale-edit check (``services._bump_version``)."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "This form was sent without the version it was read at, so it could "
            "overwrite a newer version: reload the page and make your change again.",
        },
    )


def _helper(submit: str, form_tag: bool = False, formaction: str = "") -> FormHelper:
    """A form's layout. ``formaction`` sends its button to a URL of its own: a sub-form that
    shares its page's <form> (so that what is typed elsewhere on the page travels with it)."""
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    if submit:
        attrs = {"formaction": formaction} if formaction else {}
        helper.add_input(Submit("submit", submit, **attrs))
    return helper


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.all(), empty_label=None)
    date = DateInputField(label="Date", help_text="For example, 13 9 2018")
    start_time = forms.TimeField(
        label="Start time",
        help_text="24-hour clock, for example 10:00",
        widget=forms.TimeInput(format="%H:%M"),
    )
    venue = forms.ModelChoiceField(queryset=Venue.objects.all(), empty_label=None)
    is_private = forms.BooleanField(label="Not open to the public", required=False, initial=True)
    next_meeting_date = DateInputField(
        label="Date of next meeting (optional)",
        required=False,
        require_all_fields=False,
        help_text="Schedules the next meeting too; its date goes in the Date of Next Meeting item.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Schedule meeting")
        for name in ("body", "venue"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        self.fields["start_time"].widget.attrs["class"] = "govuk-input govuk-input--width-5"

    def clean_next_meeting_date(self):
        value = self.cleaned_data.get("next_meeting_date")
        return value or None


class MeetingChangeForm(forms.Form):
    """A meeting's date, time, place and privacy, changed before it is held."""

    date = DateInputField(label="Date", help_text="For example, 13 9 2018")
    start_time = forms.TimeField(
        label="Start time",
        help_text="24-hour clock, for example 10:00",
        widget=forms.TimeInput(format="%H:%M"),
    )
    venue = forms.ModelChoiceField(queryset=Venue.objects.all(), empty_label=None)
    is_private = forms.BooleanField(label="Not open to the public", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Save changes")
        self.fields["venue"].widget.attrs["class"] = "govuk-select"
        self.fields["start_time"].widget.attrs["class"] = "govuk-input govuk-input--width-5"


class MembershipForm(forms.Form):
    """A seat on a body: an existing person, or a new one by name."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        empty_label="A new person (enter their name below)",
    )
    title = forms.CharField(
        max_length=40, required=False, help_text="Councillor, Superintendent, Dr… (new person)"
    )
    first_name = forms.CharField(max_length=100, required=False, label="First name (new person)")
    last_name = forms.CharField(max_length=100, required=False, label="Last name (new person)")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="The organisation the member represents on this body.",
    )
    role = forms.ChoiceField(choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    start_date = DateInputField(label="Member from")
    end_date = DateInputField(label="Member until (optional)", required=False,
                              require_all_fields=False)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Add member")
        for name in ("person", "organisation", "role"):
            self.fields[name].widget.attrs["class"] = "govuk-select"

    def clean_end_date(self):
        return self.cleaned_data.get("end_date") or None


class BodyPublishingForm(forms.Form):
    publishes_papers = forms.TypedChoiceField(
        label="Publish this body's papers on the public pages?",
        choices=[
            ("True", "Yes: agendas, public papers and minutes, once published, are on the public "
             "pages, feeds, API and public calendar"),
            ("False", "No: only people who sign in see them"),
        ],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Save setting")


class MembershipEndForm(forms.Form):
    end_date = DateInputField(label="Member until")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("End membership")


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=ItemKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example: Report of the Service Manager - Localities.",
    )
    presenter = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        help_text="A member presenting the item, or write the presenter below.",
    )
    presenter_text = forms.CharField(label="Presenter (if not a member)", required=False)
    duration_minutes = forms.IntegerField(
        label="Duration in minutes", required=False, min_value=1, max_value=240
    )
    is_confidential = forms.BooleanField(
        label="Confidential (exempt papers: board members and officers only)", required=False
    )
    paper_to_follow = forms.BooleanField(
        label="Paper to follow (it comes in a supplementary agenda)", required=False
    )
    version = version_field()

    def __init__(self, *args, submit="Save item", editing=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:  # a new item has no version yet
            del self.fields["version"]
        self.helper = _helper(submit)
        self.fields["presenter"].widget.attrs["class"] = "govuk-select"
        self.fields["duration_minutes"].widget.attrs["class"] = "govuk-input govuk-input--width-3"


class ReportForm(forms.Form):
    """The report template: the four heading lines, numbered sections and recommendations."""

    SECTIONS = 6

    report_to = forms.CharField(label="Report to", max_length=200)
    meeting_date = DateInputField(label="Date of meeting")
    subject = forms.CharField(max_length=300)
    report_of = forms.CharField(label="Report of", max_length=300)
    recommendations = forms.CharField(
        widget=RichTextWidget(attrs={"rows": 4}), required=False, help_text=RICH_TEXT_HINT
    )
    version = version_field()

    def __init__(self, *args, editing=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:  # a new report has no version yet
            del self.fields["version"]
        for n in range(1, self.SECTIONS + 1):
            self.fields[f"section_{n}_heading"] = forms.CharField(
                label=f"Section {n} heading", required=False, max_length=200
            )
            self.fields[f"section_{n}_body"] = forms.CharField(
                label=f"Section {n} text",
                required=False,
                widget=RichTextWidget(attrs={"rows": 6}),
                help_text=RICH_TEXT_HINT if n == 1 else "",
            )
        order = ["report_to", "meeting_date", "subject", "report_of"]
        order += [f"section_{n}_{part}" for n in range(1, 7) for part in ("heading", "body")]
        self.order_fields(order + ["recommendations", "version"])
        self.helper = _helper("Save report")

    def sections(self):
        return [
            (self.cleaned_data[f"section_{n}_heading"], self.cleaned_data[f"section_{n}_body"])
            for n in range(1, self.SECTIONS + 1)
        ]

    @classmethod
    def initial_from(cls, report) -> dict:
        initial = {
            "report_to": report.report_to,
            "meeting_date": report.meeting_date,
            "subject": report.subject,
            "report_of": report.report_of,
            "recommendations": report.recommendations,
            "version": report.version,
        }
        for section in report.sections.all()[: cls.SECTIONS]:
            initial[f"section_{section.order}_heading"] = section.heading
            initial[f"section_{section.order}_body"] = section.body
        return initial


# What the file inputs offer; the content decides (meetings.conversion.check_upload).
PAPER_ACCEPT = ",".join(
    [".pdf", ".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".ods", ".png", ".jpg", ".jpeg"]
)
PAPER_FORMATS = (
    "PDF, Word (.docx, .doc), OpenDocument (.odt, .ods), RTF, Excel (.xlsx, .xls), PNG or JPEG"
)


def _paper_file_field(field, max_mb) -> None:
    field.help_text = (
        f"{PAPER_FORMATS}, smaller than {max_mb} MB. Files other than PDF are converted to PDF."
    )
    field.widget.attrs["accept"] = PAPER_ACCEPT


class UploadForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        required=False,
        help_text="Leave blank for a Word report on the report template: its Subject is used.",
    )
    file = forms.FileField(label="File")

    replaces = forms.ModelChoiceField(
        queryset=UploadedDocument.objects.none(),
        required=False,
        label="Replaces (optional)",
        help_text="A late paper replacing one published with the agenda: the supplementary "
        "agenda says which.",
    )

    def __init__(self, *args, max_mb=20, replaceable=None, **kwargs):
        super().__init__(*args, **kwargs)
        if replaceable is None:  # before publication, or an appendix: nothing to replace
            del self.fields["replaces"]
        else:
            self.fields["replaces"].queryset = replaceable
            self.fields["replaces"].widget.attrs["class"] = "govuk-select"
        _paper_file_field(self.fields["file"], max_mb)
        self.helper = _helper("Upload")


class ReplaceFileForm(forms.Form):
    """A new file for a paper, its title and place kept."""

    file = forms.FileField(label="New file")

    def __init__(self, *args, max_mb=20, **kwargs):
        super().__init__(*args, **kwargs)
        _paper_file_field(self.fields["file"], max_mb)
        self.helper = _helper("Replace the file")


class LinesField(forms.CharField):
    """Text of one entry a line; a browser's CRLF line ends read as the stored "\\n", so that
    text sent back unchanged is not a change."""

    def to_python(self, value):
        return "\n".join(super().to_python(value).splitlines())


class AttendanceForm(forms.Form):
    """One radio group per member, shown as a row of a grid (``member_rows``), and the
    officers and guests also present."""

    also_present = LinesField(
        label="Also present",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Officers and guests, one a line, as they are to be minuted.",
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        choices = [c for c in AttendanceStatus.choices if c[0] != AttendanceStatus.ALSO_PRESENT]
        for person in members:
            self.fields[f"member_{person.pk}"] = forms.ChoiceField(
                label=str(person), choices=choices, widget=forms.RadioSelect, required=False
            )
        self.order_fields([f"member_{p.pk}" for p in members] + ["also_present"])
        self.statuses_offered = choices
        self.helper = _helper("Save attendance")
        self.helper.layout = Layout("also_present")  # the members are the page's grid

    def member_rows(self):
        """(person, bound field) per member, in the members' order, for the grid."""
        return [(person, self[f"member_{person.pk}"]) for person in self.members]

    def clean(self):
        data = super().clean()
        chairs = [p for p in self.members if data.get(f"member_{p.pk}") == AttendanceStatus.CHAIR]
        if len(chairs) > 1:
            for person in chairs[1:]:
                self.add_error(f"member_{person.pk}", "Only one member can be in the chair.")
        return data

    def statuses(self) -> dict:
        return {
            p.pk: self.cleaned_data[f"member_{p.pk}"]
            for p in self.members
            if self.cleaned_data.get(f"member_{p.pk}")
        }

    def also_present_names(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data["also_present"].splitlines() if n.strip()]


class DeclarationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Member")
    agenda_item = forms.ModelChoiceField(queryset=None, label="Item")
    kind = forms.ChoiceField(choices=DeclarationKind.choices, widget=forms.RadioSelect)
    nature = forms.CharField(
        label="Nature of the interest",
        required=False,
        max_length=300,
        help_text="As it comes to mind, for example: Trustee of Sefton CVS, or: her husband "
        "works for the service. The minute words it into the sentence.",
    )
    withdrew = forms.BooleanField(label="The member left the room for the item", required=False)

    def __init__(self, *args, meeting, members, formaction="", submit="Add declaration", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members
        self.fields["agenda_item"].queryset = meeting.items.order_by("order")
        for name in ("person", "agenda_item"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        self.helper = _helper(submit, formaction=formaction)


class MinuteForm(forms.Form):
    number = forms.IntegerField(min_value=1, label="Minute number")
    title = forms.CharField(max_length=200)
    cites = forms.ModelChoiceField(
        queryset=Minute.objects.none(),
        required=False,
        label="Further to an earlier minute (optional)",
        help_text="Adds “Further to Minute No. … of the meeting held on …”, linked.",
    )
    text = forms.CharField(widget=RichTextWidget(), required=False, help_text=RICH_TEXT_HINT)
    parts = forms.CharField(
        label="Resolution",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="One part a line, without “That”, for example: the report be noted. "
        "Two or more lines are numbered (1), (2) …",
    )
    version = version_field()

    def __init__(self, *args, minute, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cites"].queryset = (
            Minute.objects.filter(body_id=minute.body_id, meeting__date__lt=minute.meeting.date)
            .select_related("meeting")
            .order_by("-meeting__date", "-number")
        )
        self.fields["cites"].label_from_instance = lambda m: (
            f"Minute No. {m.number} of {m.meeting.date:%-d %B %Y}: {m.title}"
        )
        self.fields["cites"].widget.attrs["class"] = "govuk-select"
        self.fields["number"].widget.attrs["class"] = "govuk-input govuk-input--width-4"
        self.helper = _helper("Save minute")

    def part_list(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["parts"].splitlines() if p.strip()]


class ActionForm(forms.Form):
    resolution_part = forms.ModelChoiceField(queryset=None, label="Resolution part")
    description = forms.CharField(max_length=500, label="Action")
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Owner organisation",
        help_text="The partnership's organisations: those represented on the body.",
    )
    owner_person = forms.ModelChoiceField(
        queryset=Person.objects.all(), required=False, label="Owner (person)"
    )
    due_date = DateInputField(label="Due date", required=False, require_all_fields=False)
    rag = forms.ChoiceField(choices=[("", "Not set"), *Rag.choices], required=False, label="RAG")

    def __init__(self, *args, minute, formaction="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution_part"].queryset = minute.resolution_parts.all()
        self.fields["owner_organisation"].queryset = partner_organisations(minute.meeting)
        self.fields["resolution_part"].label_from_instance = lambda p: f"({p.order}) {p.text}"
        for name in ("resolution_part", "owner_organisation", "owner_person", "rag"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        self.helper = _helper("Add action", formaction=formaction)

    def clean_due_date(self):
        return self.cleaned_data.get("due_date") or None


class ActionFilterForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Owner organisation",
        empty_label="All organisations",
        help_text="Actions given to the organisation or to one of its people.",
    )
    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(actions__isnull=False).distinct(),
        required=False,
        label="Owner (person)",
        empty_label="Anyone",
    )
    status = forms.ChoiceField(
        choices=[
            ("", "Open and in progress"),
            (OVERDUE, "Overdue"),
            ("all", "All"),
            *ActionStatus.choices,
        ],
        required=False,
    )

    def __init__(self, *args, own=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations_owning_actions(keep=own)
        for name in ("owner", "person", "status"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        self.helper = _helper("Filter")
        self.helper.form_method = "get"


class ActionUpdateForm(forms.Form):
    """An action's correction (wording, owner, due date) and progress (status, RAG, note). The
    correction fields are left out when the reader may only progress it: confirmed minutes,
    or an owner updating their own action."""

    CORRECTION = ("description", "owner_organisation", "owner_person", "due_date")

    description = forms.CharField(max_length=500, label="Action")
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Owner organisation",
        help_text="The partnership's organisations: those represented on the body.",
    )
    owner_person = forms.ModelChoiceField(
        queryset=Person.objects.all(), required=False, label="Owner (person)"
    )
    due_date = DateInputField(label="Due date", required=False, require_all_fields=False)
    status = forms.ChoiceField(choices=ActionStatus.choices)
    rag = forms.ChoiceField(choices=[("", "Not set"), *Rag.choices], required=False, label="RAG")
    progress_note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, action, can_correct: bool, **kwargs):
        initial = {name: getattr(action, name) for name in (*self.CORRECTION, "status", "rag")}
        initial["progress_note"] = action.progress_note
        super().__init__(*args, initial=initial, **kwargs)
        if can_correct:
            self.fields["owner_organisation"].queryset = partner_organisations(
                action.resolution_part.minute.meeting, keep=action.owner_organisation
            )
        else:
            for name in self.CORRECTION:
                del self.fields[name]
        for name in ("owner_organisation", "owner_person", "status", "rag"):
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "govuk-select"
        self.helper = _helper("Save action")

    def clean_due_date(self):
        return self.cleaned_data.get("due_date") or None


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search minutes, resolutions, reports and papers",
        help_text="Words in any order; papers are searched by their text too.",
        max_length=200,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Search")
        self.helper.form_method = "get"


class DeferForm(forms.Form):
    """The forward plan: put an item on the next meeting's agenda, linked to this minute."""

    title = forms.CharField(label="Title of the item for the next meeting", max_length=200)

    def __init__(self, *args, formaction="", **kwargs):
        kwargs.setdefault("prefix", "defer")
        super().__init__(*args, **kwargs)
        self.helper = _helper("Add to the next meeting's agenda", formaction=formaction)


class PaperAttachForm(forms.Form):
    """Choose the agenda item a frozen paper (a chart, a MARAC report) is attached to: only
    items of meetings not yet held that the user may see, so a malformed or unseen item is a
    form error. The one attach form of the data apps."""

    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        label="Agenda item",
        error_messages={
            "required": "Choose an agenda item of a meeting not yet held.",
            "invalid_choice": "Choose an agenda item of a meeting not yet held that you can see.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items_open_for_papers(user)
        self.fields["agenda_item"].label_from_instance = lambda item: (
            f"{item.meeting.body} {item.meeting.date:%-d %B %Y}: {item.order}. {item.title}"
        )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Attach to agenda"))

    @property
    def items(self):
        return self.fields["agenda_item"].queryset


class CallOffForm(ReasonForm):
    """Mark a meeting that did not (or will not) take place cancelled or postponed."""

    state = forms.ChoiceField(
        label="The meeting was",
        choices=[(c.value, c.label) for c in (MeetingState.CANCELLED, MeetingState.POSTPONED)],
        widget=forms.RadioSelect,
    )
    field_order = ["state", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(
            *args, label="Reason", help_text="For example: not quorate; moved to 4 April", **kwargs
        )


class AlertPreferenceForm(forms.ModelForm):
    """The emails one person receives: each alert on or off."""

    class Meta:
        model = AlertPreference
        fields = [
            "agenda_published",
            "supplementary_published",
            "minutes_published",
            "action_assigned",
            "weekly_digest",
            "deadline_reminder",
        ]
        labels = {alert.value: alert.label for alert in Alert}

    def __init__(self, *args, officer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not officer:
            del self.fields["deadline_reminder"]  # only officers publish agendas
        self.helper = _helper("Save my email alerts")


class AttendancePeriodForm(forms.Form):
    """The period of the attendance-by-agency report, from the query string (GET)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: the field is added by name, not declared.
        self.fields["from"] = DateField(
            label="From", required=False, help_text="For example, 2018-05-01"
        )
        self.fields["to"] = DateField(
            label="To", required=False, help_text="For example, 2019-04-30"
        )
        self.helper = _helper("Show")
        self.helper.form_method = "get"

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end:
            for error in period_errors(start, end):
                self.add_error("to", error)
        return data


class DeputyForm(forms.Form):
    """A named deputy attending for a member: counts for the member's organisation."""

    deputy_for = forms.ModelChoiceField(
        queryset=Person.objects.order_by("last_name", "first_name"),
        label="Attending for",
        help_text="The member the deputy stands in for.",
    )
    name = forms.CharField(
        label="Deputy's name", max_length=200, help_text="As it is to be minuted."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record deputy")


class PlannedItemForm(forms.Form):
    """An item planned for one of the body's meetings to come; a standing report recurs."""

    meeting = forms.ModelChoiceField(queryset=None, label="Meeting")
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), label="Lead organisation", required=False
    )
    recurrence = forms.ChoiceField(
        label="Standing report",
        choices=Recurrence.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="A standing report is planned from this meeting on.",
    )

    def __init__(self, *args, meetings, submit="Add to the work programme", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"
        self.helper = _helper(submit)
