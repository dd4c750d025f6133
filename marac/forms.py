from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.conf import settings
from django.utils.text import slugify

from marac.imports import COLUMNS, PERSONAL_DATA_REASON, looks_personal
from marac.models import Report
from marac.report import ATTENDANCE_COMMENT_MAX, ATTENDANCE_COMMENTS, COMMENTARY
from sscp.confirmation import ReasonForm
from sscp.dates import period_errors
from sscp.forms import DateField

ALLOWED_EXTENSIONS = (".csv", ".xlsx")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[(kind, kind.capitalize()) for kind in COLUMNS],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label="CSV or XLSX file", help_text="One header row; UTF-8 for CSV.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Upload"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError("The file must be a CSV or XLSX file.")
        limit = settings.SSCP_MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file must be smaller than {settings.SSCP_MAX_UPLOAD_MB} MB."
            )
        return upload


class PeriodForm(forms.Form):
    start = DateField(label="From", help_text="For example, 2017-04-01")
    end = DateField(label="To", help_text="For example, 2018-03-31")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            errors = period_errors(data["start"], data["end"])
            if errors:
                raise forms.ValidationError(errors)
        return data


class ReportForm(PeriodForm):
    title = forms.CharField(label="Title", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Create report"))


class CommentaryForm(forms.Form):
    """One text per section, and a comment per agency of the attendance tables (`agencies`),
    named by the agency so that a list changed meanwhile cannot move a comment to another."""

    def __init__(self, *args, commentary=None, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        commentary = commentary or {}
        for key, title in COMMENTARY:
            self.fields[key] = forms.CharField(
                label=f"Commentary: {title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=commentary.get(key, ""),
            )
        comments = commentary.get(ATTENDANCE_COMMENTS) or {}
        self.agency_fields = {}
        for agency in agencies:
            name = f"comment-{slugify(agency)}"
            while name in self.fields:
                name += "-"
            self.agency_fields[name] = agency
            self.fields[name] = forms.CharField(
                label=f"Attendance comments: {agency}",
                required=False,
                max_length=ATTENDANCE_COMMENT_MAX,
                initial=comments.get(agency, ""),
            )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Save commentary"))

    def commentary(self) -> dict:
        """The cleaned data as `Report.commentary` stores it."""
        data = {key: self.cleaned_data[key] for key, _ in COMMENTARY}
        data[ATTENDANCE_COMMENTS] = {
            agency: self.cleaned_data[name] for name, agency in self.agency_fields.items()
        }
        return data


_YES_NO_UNKNOWN = [("", "Not known"), ("yes", "Yes"), ("no", "No")]


class CaseForm(forms.Form):
    """One case discussed at a meeting, entered by hand: the same checks as an import, since
    the view sends it through `import_marac`. No field can hold a name, address or birth date."""

    meeting_date = DateField(label="Meeting date", help_text="For example, 2018-04-12")
    victim_ref = forms.CharField(label="Victim reference", max_length=60)
    perpetrator_ref = forms.CharField(
        label="Reference of the person causing harm", max_length=60, required=False
    )
    incident_date = DateField(label="Date of the latest incident", required=False)
    referral_date = DateField(label="Referral received", required=False)
    referring_agency = forms.ModelChoiceField(queryset=None, label="Referring agency")
    referral_basis = forms.ChoiceField(label="Basis of the referral", choices=())
    victim_sex = forms.CharField(label="Victim's sex", max_length=30, required=False)
    victim_age = forms.IntegerField(
        label="Victim's age", min_value=0, max_value=120, required=False
    )
    victim_ethnicity = forms.CharField(label="Victim's ethnicity", max_length=100, required=False)
    victim_lgbt = forms.ChoiceField(label="Victim is LGBT", choices=_YES_NO_UNKNOWN, required=False)
    victim_disability = forms.ChoiceField(
        label="Victim has a disability", choices=_YES_NO_UNKNOWN, required=False
    )
    perpetrator_age = forms.IntegerField(
        label="Age of the person causing harm", min_value=0, max_value=120, required=False
    )
    children = forms.IntegerField(
        label="Children in the household", min_value=0, max_value=50, required=False
    )
    pregnant = forms.ChoiceField(label="Pregnant", choices=_YES_NO_UNKNOWN, required=False)
    ward = forms.ModelChoiceField(queryset=None, label="Ward", required=False)
    idva_status = forms.ModelChoiceField(queryset=None, label="IDVA status", required=False)
    swaca_status = forms.ModelChoiceField(queryset=None, label="SWACA status", required=False)
    closed_marac = forms.ChoiceField(
        label="Discussed in a closed MARAC", choices=_YES_NO_UNKNOWN, required=False
    )

    def __init__(self, *args, **kwargs):
        from marac.models import IdvaStatus, ReferralBasis, SwacaStatus
        from sscp.models import Area, AreaType, Organisation

        super().__init__(*args, **kwargs)
        self.fields["referring_agency"].queryset = Organisation.objects.all()
        self.fields["referral_basis"].choices = ReferralBasis.choices
        self.fields["ward"].queryset = Area.objects.filter(area_type=AreaType.WARD)
        self.fields["idva_status"].queryset = IdvaStatus.objects.all()
        self.fields["swaca_status"].queryset = SwacaStatus.objects.all()
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Save case"))

    def clean(self):
        """A submitted field that looks like personal data (a crafted or stale form sending
        "surname" or "dob") is refused like such a column in a file, never silently dropped."""
        cleaned = super().clean()
        for name in sorted(self.data):
            if name not in self.fields and looks_personal(name):
                raise forms.ValidationError(f"Field {name!r} {PERSONAL_DATA_REASON}")
        return cleaned

    def as_row(self) -> dict:
        """The case as an import row (names, not ids), for `import_marac`."""
        data = dict(self.cleaned_data)
        data["referring_agency"] = data["referring_agency"].name
        data["ward"] = data["ward"].name if data["ward"] else ""
        data["idva_status"] = data["idva_status"].code if data["idva_status"] else ""
        data["swaca_status"] = data["swaca_status"].code if data["swaca_status"] else ""
        return data


class WithdrawForm(ReasonForm):
    """Why an issued report is withdrawn and which issued report replaces it, if any."""

    replaced_by = forms.ModelChoiceField(
        label="Replaced by",
        queryset=None,
        required=False,
        empty_label="No replacement yet",
        help_text="An issued report that is not withdrawn; the later report for the same "
        "period is chosen for you when there is one.",
    )
    field_order = ["reason", "replaced_by"]

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, help_text="For example: Table 2 counted a referral twice", **kwargs)
        self.fields["replaced_by"].queryset = Report.objects.filter(
            issued_at__isnull=False, withdrawn_at__isnull=True
        ).exclude(pk=report.pk)
        self.fields["replaced_by"].label_from_instance = lambda other: (
            f"{other.title} (issued {other.issued_at:%-d %B %Y})"
        )
