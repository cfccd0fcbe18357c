from django.forms.renderers import TemplatesSetting


class AccessibleFormRenderer(TemplatesSetting):
    """Every form gets an error summary linking to its fields, and each field its
    label, help text and errors tied to the input (``aria-describedby``)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
