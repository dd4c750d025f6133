"""Confirmation pages (the GOV.UK pattern) for actions that cannot simply be undone.

The action's URL answers GET with a page saying what will happen and a button; only the POST
from that page acts. One helper and one template (``confirm.html``) serve every such action.
"""

from dataclasses import dataclass, field

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


@dataclass
class Confirmation:
    heading: str  # a question: "Publish the agenda of 13 December 2018?"
    consequences: list[str]  # what will happen, in the user's words
    button: str
    cancel_url: str
    caption: str = ""
    warning: bool = False  # a red button for removals and withdrawals
    # Things the user should check before going on ("Minute 4 is empty"): shown as warnings.
    cautions: list[str] = field(default_factory=list)
    trail: list = field(default_factory=list)


class ReasonForm(forms.Form):
    """The reason an action needs (withdrawing, unpublishing, calling a meeting off)."""

    reason = forms.CharField(
        label="Reason", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, label="Reason", help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


def confirm(request, confirmation: Confirmation, act, *, form=None, done=""):
    """GET: the confirmation page. POST: ``act(cleaned_data)`` returns where to go next; a
    refusal (ValidationError) is shown on the page with what was typed kept."""
    errors = []
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            next_url = act(form.cleaned_data if form is not None else {})
        except ValidationError as error:
            errors = _place_errors(form, error)
        else:
            if done:
                messages.success(request, done)
            return redirect(next_url)
    return render(
        request,
        "confirm.html",
        {
            "confirmation": confirmation,
            "form": form,
            "errors": errors,
            "trail": confirmation.trail,
        },  # fmt: skip
        status=400 if errors or (form is not None and form.errors) else 200,
    )


def _place_errors(form, error: ValidationError) -> list[str]:
    """Field errors go next to their field; the rest are listed above the button."""
    if form is not None and hasattr(error, "error_dict"):
        for name, field_errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
        return []
    return list(error.messages)
