import factory

from casusoverleg.models import Discipline, Organisatie, User


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    discipline = Discipline.ZORG


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisatie = factory.SubFactory(OrganisatieFactory)
    password = factory.django.Password("demo")
