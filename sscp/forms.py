import datetime

from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models

from sscp.dates import validate_in_range


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Sign in"))


class DateField(forms.DateField):
    """A date typed as 2018-04-12, inside the app's stated range (sscp.dates)."""

    default_validators = [validate_in_range]


class DateInputField(GdsDateInputField):
    """The GOV.UK day / month / year date, inside the app's stated range (sscp.dates). A day,
    month or year no calendar has (31 2 2018, a day of 10^20) is a form error, not a crash."""

    default_validators = [validate_in_range]

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return datetime.date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError) as error:
            raise ValidationError(
                "Enter a real date, for example 13 9 2018: the day must be a day of that "
                "month, the month 1 to 12, and the year four digits.",
                code="invalid",
            ) from error


# The admin takes dates too: `formfield_overrides = DATE_FIELD_OVERRIDES` on a ModelAdmin (or
# inline) keeps its dates in the same range, so no administrator stores year 1.
DATE_FIELD_OVERRIDES = {models.DateField: {"form_class": DateField}}
