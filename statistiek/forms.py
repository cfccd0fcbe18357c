"""The dashboard's filter: a period of whole quarters, and (project group) an organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .periodes import PILOT, Kwartaal, Periode


class FilterForm(forms.Form):
    SOORTEN = (
        (PILOT, _("De hele pilot")),
        ("jaar", _("Een jaar")),
        ("kwartaal", _("Een kwartaal")),
        ("eigen", _("Eigen periode (hele kwartalen)")),
    )

    periode = forms.ChoiceField(label=_("Periode"), choices=SOORTEN, initial=PILOT)
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False, empty_value=None)
    kwartaal = forms.ChoiceField(label=_("Kwartaal"), required=False)
    van = forms.ChoiceField(label=_("Van kwartaal"), required=False)
    tot = forms.ChoiceField(label=_("Tot en met kwartaal"), required=False)
    organisatie = forms.TypedChoiceField(
        label=_("Coördinerende organisatie"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data=None, *, beschikbaar: list[Kwartaal], organisaties=None):
        super().__init__(data)
        self.beschikbaar = beschikbaar
        kwartalen = [(str(k), k.label) for k in reversed(beschikbaar)]
        self.fields["jaar"].choices = [
            (j, str(j)) for j in sorted({k.jaar for k in beschikbaar}, reverse=True)
        ]
        for naam in ("kwartaal", "van", "tot"):
            self.fields[naam].choices = kwartalen
        if organisaties is None:
            del self.fields["organisatie"]  # a coordinator: their own organisation only
        else:
            self.fields["organisatie"].choices = [("", _("Alle organisaties")), *organisaties]

    def clean(self):
        data = super().clean()
        soort = data.get("periode")
        if not self.beschikbaar or soort is None:
            return data
        eerste, laatste = self.beschikbaar[0], self.beschikbaar[-1]
        if soort == PILOT:
            data["periode_keuze"] = Periode(PILOT, eerste, laatste)
        elif soort == "jaar":
            jaar = data.get("jaar")
            if jaar is None:
                if "jaar" not in self.errors:
                    self.add_error("jaar", _("Kies een jaar."))
                return data
            van = max(eerste, Kwartaal(jaar, 1))
            tot = min(laatste, Kwartaal(jaar, 4))
            data["periode_keuze"] = Periode("jaar", van, tot)
        elif soort == "kwartaal":
            if not data.get("kwartaal"):
                if "kwartaal" not in self.errors:
                    self.add_error("kwartaal", _("Kies een kwartaal."))
                return data
            k = Kwartaal.van_tekst(data["kwartaal"])
            data["periode_keuze"] = Periode("kwartaal", k, k)
        else:
            if not data.get("van") and "van" not in self.errors:
                self.add_error("van", _("Kies het eerste kwartaal van de periode."))
            if not data.get("tot") and "tot" not in self.errors:
                self.add_error("tot", _("Kies het laatste kwartaal van de periode."))
            if self.errors:
                return data
            van, tot = Kwartaal.van_tekst(data["van"]), Kwartaal.van_tekst(data["tot"])
            if tot < van:
                self.add_error("tot", _("Het laatste kwartaal ligt voor het eerste; draai ze om."))
                return data
            data["periode_keuze"] = Periode("eigen", van, tot)
        return data
