import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory, override_settings

from casusoverleg.demo import USERS
from casusoverleg.management.commands.demo import demo_modules
from casusoverleg.models import Discipline, Organisatie, User


def _snapshot():
    users = list(
        User.objects.order_by("username").values_list(
            "username",
            "password",
            "organisatie__naam",
            "is_coordinator",
            "is_reviewer",
            "is_staff",
            "is_superuser",
        )
    )
    orgs = list(Organisatie.objects.order_by("naam").values_list("pk", "naam", "discipline"))
    return users, orgs


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_twice_gives_the_same_data():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _snapshot()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _snapshot() == first


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_has_every_discipline_and_every_account_logs_in():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Organisatie.objects.values_list("discipline", flat=True)) == set(Discipline.values)
    for username, *_ in USERS:
        request = RequestFactory().post("/inloggen/")
        user = authenticate(request, username=username, password="demo")
        assert user is not None, username
    advocaten = User.objects.filter(username__in=["advocaat", "advocaat2"])
    assert advocaten.values("organisatie").distinct().count() == 2
    coordinator, coordinator2 = User.objects.filter(username__startswith="coordinator")
    assert coordinator.organisatie == coordinator2.organisatie
    assert coordinator2.is_reviewer
    assert not User.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_demo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")
    assert not User.objects.exists()


def test_demo_loads_each_apps_demo_module_in_dependency_order():
    assert [module.__name__ for module in demo_modules()] == [
        "casusoverleg.demo",
        "identificatie.demo",
        "advies.demo",
        "zorgtafel.demo",
        "wegwijzer.demo",
        "statistiek.demo",
    ]
