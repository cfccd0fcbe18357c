"""``{% load weergave %}``: the template side of ``casusoverleg.weergave``.

{{ d|datum }}                 30 november 2026 ("—" when empty; |datum:"onbekend")
{{ dt|datumtijd }}            30 november 2026, 14:05 (Amsterdam time)
{{ dt|tijd }}                 14:05, where the date is already on the page
{{ obj|keuze:"veld" }}        the label of a choice field, never its code
{{ melding.vormen|uitbuitingsvormen }}  Arbeidsuitbuiting, Seksuele uitbuiting
{{ user|persoon }}            Voornaam Achternaam (Organisatie)
{{ user|naam }}               Voornaam Achternaam
{{ event.object_type|soort_gegeven }}   signaal (not "identificatie.signaal")
{{ event|audit_zin }}         Sanne de Vries (Politie) las casus 2026-0001
{% status_badge obj %}        a coloured badge with the status's label
{% status_badge obj "aanwezigheid" %}   the same for another field
"""

from django import template

from casusoverleg import meldingen, weergave

register = template.Library()


@register.filter
def datum(value, default=weergave.LEEG):
    return weergave.datum(value, default)


@register.filter
def datumtijd(value, default=weergave.LEEG):
    return weergave.datumtijd(value, default)


@register.filter
def tijd(value, default=weergave.LEEG):
    return weergave.tijd(value, default)


@register.filter
def keuze(obj, veld):
    return weergave.keuze(obj, veld)


@register.filter
def uitbuitingsvormen(codes, default=weergave.LEEG):
    return weergave.uitbuitingsvormen(codes, default)


@register.filter
def persoon(user, default=weergave.LEEG):
    return weergave.persoon(user, default)


@register.filter
def naam(user, default=weergave.LEEG):
    return weergave.naam(user, default)


@register.filter
def soort_gegeven(object_type):
    return weergave.object_soort(object_type)


@register.filter
def audit_zin(event):
    return weergave.audit_zin(event)


@register.inclusion_tag("components/status_badge.html")
def status_badge(value, veld="status", id=""):
    return {"status": weergave.status(value, veld), "id": id}


@register.filter
def meldingtekst(melding) -> str:
    """A notice as it reads in the active language (``casusoverleg.meldingen.tekst``)."""
    return meldingen.tekst(melding)
