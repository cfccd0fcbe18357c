"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

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
