"""Loading and checking an indicator list from its data file (identificatie/data/)."""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
EERSTE_LIJST = DATA_DIR / "indicatoren_v1.json"
URGENTIES = {"acuut", "hoog", "normaal"}


def read(path: Path = EERSTE_LIJST) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def problems(data: dict) -> list[str]:
    """What is wrong with a list, in words an administrator understands; [] if nothing."""
    found = []
    for key in ("versie", "titel", "noodinstructie", "groepen"):
        if not data.get(key):
            found.append(f"'{key}' ontbreekt")
    if not data.get("bronnen"):
        found.append("de bronnen ontbreken")
    codes, teksten = set(), set()
    for groep in data.get("groepen", []):
        if not groep.get("indicatoren"):
            found.append(f"groep {groep.get('code')} heeft geen indicatoren")
        for ind in groep.get("indicatoren", []):
            code = ind.get("code", "?")
            for key in ("tekst", "toelichting", "instructie"):
                if not (ind.get(key) or "").strip():
                    found.append(f"{code}: '{key}' is leeg")
            if ind.get("urgentie") not in URGENTIES:
                found.append(f"{code}: onbekende urgentie {ind.get('urgentie')!r}")
            if code in codes:
                found.append(f"{code}: code komt twee keer voor")
            tekst = " ".join((ind.get("tekst") or "").lower().split())
            if tekst in teksten:
                found.append(f"{code}: tekst komt twee keer voor")
            codes.add(code)
            teksten.add(tekst)
    return found


def load(data: dict, *, IndicatorLijst, IndicatorGroep, Indicator, gepubliceerd_op=None):  # noqa: N803
    """Create one list version from ``data``; model classes are passed in so a data
    migration can use its historical models."""
    errors = problems(data)
    if errors:
        raise ValueError("; ".join(errors))
    lijst = IndicatorLijst.objects.create(
        versie=data["versie"],
        titel=data["titel"],
        noodinstructie=data["noodinstructie"],
        bronnen=data["bronnen"],
    )
    for g_index, groep in enumerate(data["groepen"]):
        g = IndicatorGroep.objects.create(
            lijst=lijst, code=groep["code"], titel=groep["titel"], volgorde=g_index
        )
        Indicator.objects.bulk_create(
            [
                Indicator(
                    groep=g,
                    code=ind["code"],
                    tekst=ind["tekst"],
                    toelichting=ind["toelichting"],
                    instructie=ind["instructie"],
                    urgentie=ind["urgentie"],
                    volgorde=i_index,
                )
                for i_index, ind in enumerate(groep["indicatoren"])
            ]
        )
    if gepubliceerd_op is not None:
        # Publishing last: the frozen guard would refuse the groups otherwise.
        IndicatorLijst.objects.filter(pk=lijst.pk).update(gepubliceerd_op=gepubliceerd_op)
    return lijst
