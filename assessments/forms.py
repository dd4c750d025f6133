from html import escape
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.safestring import mark_safe

from assessments.imports import BOUNDARIES
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
    (BOUNDARIES, "Area boundaries for the places map (GeoJSON)"),
]
assert {c for c, _ in FORMAT_CHOICES[1:]} == {*FORMATS, BOUNDARIES}
ALLOWED_SUFFIXES = {".csv", ".xlsx"}
GEOJSON_SUFFIXES = {".geojson", ".json"}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="CSV (UTF-8) or Excel workbook (.xlsx); area boundaries as GeoJSON (.geojson)",
    )
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
    code_property = forms.CharField(
        label="Boundaries: the property holding the area code",
        help_text="e.g. WD18CD; leave empty to find it from the codes",
        required=False,
        max_length=60,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SSCP_MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is larger than {settings.SSCP_MAX_UPLOAD_MB} MB."
            )
        suffix = Path(upload.name).suffix.lower()
        upload.seek(0)
        head = upload.read(2048)
        upload.seek(0)
        if suffix in GEOJSON_SUFFIXES:
            if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                raise forms.ValidationError("The file is named .geojson but is not GeoJSON.")
            return upload
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                "The file must be a CSV, an Excel workbook (.xlsx) or GeoJSON boundaries "
                "(.geojson)."
            )
        if suffix == ".xlsx" and not head.startswith(b"PK\x03\x04"):
            raise forms.ValidationError("The file is named .xlsx but is not an Excel workbook.")
        if suffix == ".csv" and (b"\x00" in head or head.startswith(b"PK\x03\x04")):
            raise forms.ValidationError("The file is named .csv but is not text.")
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            geojson = Path(upload.name).suffix.lower() in GEOJSON_SUFFIXES
            if data.get("format") == "auto" and geojson:
                data["format"] = BOUNDARIES
            elif (data.get("format") == BOUNDARIES) != geojson and data.get("format"):
                self.add_error(
                    "file",
                    "Area boundaries are GeoJSON files (.geojson); tables are CSV or Excel.",
                )
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


class FilterForm:
    """Dashboard filters read from the query string: one select each, whose first choice is
    the default. Not a Django form: with 300 areas its choice handling cost more than the
    dashboard's SQL."""

    def __init__(self, data, *, choices: dict[str, list], labels: dict[str, str]):
        self.data = data
        self.choices = choices
        self.labels = labels

    def value(self, name: str) -> str:
        given = self.data.get(name, "")
        options = self.choices[name]
        if any(str(value) == given for value, _ in options):
            return given
        return str(options[0][0]) if options else ""

    def selects(self) -> list[dict]:
        selects = []
        for name, options in self.choices.items():
            chosen = self.value(name)
            values, texts = (
                _escaped([str(v) for v, _ in options]),
                _escaped([str(t) for _, t in options]),
            )
            html = "".join(
                f'<option value="{value}"{" selected" if raw == chosen else ""}>{text}</option>'
                for (raw, _), value, text in zip(options, values, texts, strict=True)
            )
            selects.append(
                {
                    "id": f"id_{name}",
                    "name": name,
                    "label": self.labels[name],
                    "options": mark_safe(html),  # noqa: S308 - every part escaped
                }
            )
        return selects


def _escaped(texts: list[str]) -> list[str]:
    """Each text HTML-escaped, in one call for the lot (300 boroughs escaped one by one cost
    more than the dashboard's SQL). NUL never occurs in an escaped text, so it separates them."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return [escape(t) for t in texts]
    return escape(joined).split("\x00") if texts else []
