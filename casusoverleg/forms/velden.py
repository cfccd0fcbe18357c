"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The largest key a database integer column holds (signed 64 bits).
MAX_KEY = 2**63 - 1


class ModelKeuzesField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects where a number no database column can hold is an
    invalid choice, like any other unknown key, rather than a database error (the
    ``__in`` lookup Django makes for it is not range-checked)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                too_large = abs(int(str(pk))) > MAX_KEY
            except ValueError:
                continue  # not a number: Django reports it as an invalid key
            if too_large:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)


#: The empty option of a select the user must fill in, and of one that may stay empty.
KIES = _("Kies…")
GEEN = _("(geen)")

_DJANGO_EMPTY_LABEL = "---------"


def choices_without_guessing(form) -> None:
    """Make every single choice on ``form`` wait for the user rather than guess; see
    :func:`field_without_guessing`."""
    for name, field in form.fields.items():
        field_without_guessing(field, initial=form.initial.get(name))


def field_without_guessing(field, *, initial=None) -> None:
    """Radio buttons lose Django's blank ``---------`` option (a missing answer is then
    simply no answer, and the field's required error says so); a select starts on an
    empty option that says "Kies…" when it must be filled in and "(geen)" when it may
    stay empty. A required select without a value of its own gets that empty option
    too, so the browser does not quietly submit its first choice."""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    radio = isinstance(field.widget, forms.RadioSelect)
    if isinstance(field, forms.ModelChoiceField):
        if radio:
            field.empty_label = None
        elif field.empty_label is not None and str(field.empty_label) == _DJANGO_EMPTY_LABEL:
            field.empty_label = KIES if field.required else GEEN
        return
    if not isinstance(field, forms.ChoiceField):
        return
    choices = list(field.choices)
    if radio:
        field.choices = [c for c in choices if c[0] not in ("", None)]
    elif choices and choices[0][0] in ("", None):
        if str(choices[0][1]) == _DJANGO_EMPTY_LABEL:
            field.choices = [("", KIES if field.required else GEEN), *choices[1:]]
    elif field.required and field.initial is None and initial is None:
        field.choices = [("", KIES), *choices]


class ChoicesWithoutGuessingMixin:
    """Applies :func:`choices_without_guessing` once the form's fields are built.
    Forms that set choices or querysets in their own ``__init__`` after ``super()``
    keep them as set there; they must not add Django's blank option themselves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices_without_guessing(self)
