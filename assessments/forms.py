from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from assessments.models import Recommendation
from assessments.readers import FORMATS

FORMAT_CHOICES = [
    ("auto", "Recognise it from the header"),
    ("police-uk", "police.uk street-level crime"),
    ("fingertips", "Fingertips export"),
    ("tidy", "Tidy table (indicator, area_code, area_name, period, value)"),
    ("wide", "Wide table (one column per period)"),
    ("area-lookup", "Area lookup (ONS LSOA → ward → borough)"),
    ("population", "Population (area_code, year, population)"),
]
assert {c for c, _ in FORMAT_CHOICES[1:]} == set(FORMATS)
ALLOWED_SUFFIXES = {".csv", ".xlsx"}


class UploadForm(forms.Form):
    file = forms.FileField(label="File", help_text="CSV (UTF-8) or Excel workbook (.xlsx)")
    format = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES, initial="auto")
    dataset = forms.CharField(
        label="Dataset",
        max_length=120,
        help_text="Files of one series go in one dataset, e.g. 'police.uk street crime'",
    )
    replace = forms.BooleanField(
        label="Load again if this exact file was loaded before", required=False
    )
    first_column = forms.ChoiceField(
        label="Wide tables: the first column holds",
        choices=[("indicator", "Categories (indicators)"), ("area", "Areas")],
        required=False,
    )
    area_code = forms.CharField(
        label="Wide tables of categories: the area's code", required=False, max_length=20
    )
    indicator = forms.CharField(
        label="Wide tables of areas: the indicator", required=False, max_length=255
    )
    indicator_prefix = forms.CharField(
        label="Wide tables of categories: prefix for indicator names",
        required=False,
        max_length=120,
        strip=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SSCP_MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is larger than {settings.SSCP_MAX_UPLOAD_MB} MB."
            )
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError("The file must be a CSV or an Excel workbook (.xlsx).")
        upload.seek(0)
        head = upload.read(2048)
        upload.seek(0)
        if suffix == ".xlsx" and not head.startswith(b"PK\x03\x04"):
            raise forms.ValidationError("The file is named .xlsx but is not an Excel workbook.")
        if suffix == ".csv" and (b"\x00" in head or head.startswith(b"PK\x03\x04")):
            raise forms.ValidationError("The file is named .csv but is not text.")
        return upload

    def clean(self):
        data = super().clean()
        if data.get("format") == "wide":
            if data.get("first_column") == "area" and not data.get("indicator"):
                self.add_error("indicator", "Enter the indicator the table's values are.")
            if data.get("first_column", "indicator") in ("", "indicator") and not data.get(
                "area_code"
            ):
                self.add_error("area_code", "Enter the code of the area the table is about.")
        return data

    def reader_options(self) -> dict:
        data = self.cleaned_data
        if data["format"] != "wide":
            return {}
        if data.get("first_column") == "area":
            return {"first_column": "area", "indicator": data["indicator"]}
        return {
            "first_column": "indicator",
            "area_code": data["area_code"],
            "indicator_prefix": data.get("indicator_prefix", ""),
            "values_are_counts": True,
        }


class RecommendationProgressForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["owner", "status", "progress_notes"]
        widgets = {"progress_notes": forms.Textarea(attrs={"rows": 6})}


class FilterForm(forms.Form):
    """Dashboard filters; choices are set by the view from what is loaded."""

    def __init__(self, data, *, choices: dict[str, list], labels: dict[str, str]):
        super().__init__(data)
        for name, options in choices.items():
            self.fields[name] = forms.ChoiceField(
                label=labels[name], choices=options, required=False
            )

    def selects(self) -> list[dict]:
        """Each filter as id, name, label and (value, label, selected) options, worked out
        here once rather than per option in the template."""
        selects = []
        for name, field in self.fields.items():
            chosen = self.value(name)
            selects.append(
                {
                    "id": f"id_{name}",
                    "name": name,
                    "label": field.label,
                    # One string: a template loop over 300 areas' options costs more than
                    # the dashboard's SQL.
                    "options": format_html_join(
                        "",
                        '<option value="{}"{}>{}</option>',
                        (
                            (v, mark_safe(" selected") if str(v) == chosen else "", text)  # noqa: S308
                            for v, text in field.choices
                        ),
                    ),
                }
            )
        return selects

    def value(self, name: str) -> str:
        if self.is_valid() and self.cleaned_data.get(name):
            return self.cleaned_data[name]
        field = self.fields[name]
        return field.choices[0][0] if field.choices else ""
