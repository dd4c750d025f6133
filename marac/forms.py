from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.conf import settings

from marac.imports import COLUMNS
from marac.report import SECTIONS

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
    start = forms.DateField(label="From", help_text="For example, 2017-04-01")
    end = forms.DateField(label="To", help_text="For example, 2018-03-31")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("The end of the period must be after its start.")
        return data


class ReportForm(PeriodForm):
    title = forms.CharField(label="Title", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Create report"))


class CommentaryForm(forms.Form):
    def __init__(self, *args, commentary=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, title in SECTIONS:
            self.fields[key] = forms.CharField(
                label=f"Commentary: {title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=(commentary or {}).get(key, ""),
            )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Save commentary"))


class AttachForm(forms.Form):
    agenda_item = forms.ModelChoiceField(queryset=None, label="Agenda item")

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items
        self.fields["agenda_item"].label_from_instance = lambda item: (
            f"{item.meeting.body} {item.meeting.date:%-d %B %Y}: {item.order}. {item.title}"
        )
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Attach to agenda"))
