import factory

from casusoverleg.models import Discipline, Organisatie, User


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    discipline = Discipline.ZORG


class UserFactory(factory.django.DjangoModelFactory):
    """Users are made through ``gebruiker_create`` as the system, so that their
    organisation membership (and with it their cases) is the real one."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisatie = factory.SubFactory(OrganisatieFactory)
    password = "demo"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from casusoverleg.audit import AuditContext
        from casusoverleg.services import gebruiker_create, gebruiker_rollen_change

        bestaand = model_class.objects.filter(username=kwargs["username"]).first()
        if bestaand is not None:
            return bestaand
        is_active = kwargs.pop("is_active", True)
        user = gebruiker_create(ctx=AuditContext.system(), **kwargs)
        if not is_active:
            user = gebruiker_rollen_change(
                ctx=AuditContext.system(),
                gebruiker=user,
                is_coordinator=user.is_coordinator,
                is_reviewer=user.is_reviewer,
                is_active=False,
            )
        return user


def make_casus(coordinator, *, deelnemers=(), advocaten=(), vormen=("arbeid",), **data):
    """A case opened through the services, as a coordinator would, so that its
    object permissions are the real ones. ``deelnemers`` are organisations or
    (organisation, rol) pairs; ``advocaten`` are lawyer users taking part personally."""
    from casusoverleg.audit import AuditContext
    from casusoverleg.models import Deelname
    from casusoverleg.services import casus_open, deelname_add

    ctx = AuditContext.system(coordinator)
    fields = {"naam": "Testpersoon Voorbeeld", "geslacht": "vrouw", **data}
    casus = casus_open(ctx=ctx, data=fields, vormen=list(vormen))
    for item in deelnemers:
        org, rol = item if isinstance(item, tuple) else (item, Deelname.Rol.DEELNEMER)
        deelname_add(ctx=ctx, casus=casus, organisatie=org, rol=rol)
    for advocaat in advocaten:
        deelname_add(ctx=ctx, casus=casus, organisatie=advocaat.organisatie, persoon=advocaat)
    return casus


def make_signaal(user, *, codes=("ALG-01",), **data):
    """A signal recorded through the service by ``user``, against the list in use."""
    import datetime

    from django.utils import timezone

    from casusoverleg.audit import AuditContext
    from identificatie.models import Indicator, IndicatorLijst
    from identificatie.services import WETTELIJKE_MELDERS, signaal_record

    lijst = IndicatorLijst.objects.actueel()
    fields = {
        "waargenomen_op": timezone.localdate() - datetime.timedelta(days=3),
        "plaats": "Voorbeeldstraat, Voorbeeldstad",
        "observatie": "Feitelijke waarneming.",
        "urgentie": "normaal",
        "geslacht": "vrouw",
    }
    if user.organisatie.discipline not in WETTELIJKE_MELDERS:
        fields.update(grondslag="toestemming", toestemming_door="persoon", geschatte_leeftijd=25)
    fields.update(data)
    indicatoren = list(Indicator.objects.filter(groep__lijst=lijst, code__in=codes))
    return signaal_record(ctx=AuditContext.system(user), data=fields, indicatoren=indicatoren)
