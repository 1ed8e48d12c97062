"""factory_boy factories for tests of every room."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from cim.accounts.models import User
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import (
    Edition,
    FunderAccess,
    Participation,
    ParticipationMember,
    Programme,
    ProgrammeStaff,
)
from cim.organisations.models import Organisation

TEST_PASSWORD = "Correct-Horse-Battery-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def organisation(cbs_code: str) -> Organisation:
    """A municipality or province from the shipped reference data (loaded by migration)."""
    return Organisation.objects.get(cbs_code=cbs_code)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programma {n}")
    slug = factory.Sequence(lambda n: f"programma-{n}")
    contact_email = "servicedesk@example.nl"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    programme = factory.SubFactory(ProgrammeFactory)
    # Years stay within the model's 2015–2100 however many editions a test session makes.
    year = factory.Sequence(lambda n: 2030 + n % 70)
    title = factory.LazyAttribute(lambda o: f"Monitor {o.year}")
    status = EditionStatus.OPEN
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.LazyFunction(lambda: organisation("GM0202"))
    province = factory.LazyAttribute(lambda o: o.organisation.province)
    contact_name = "Contact"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.nl")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationMember

    participation = factory.SubFactory(ParticipationFactory)
    user = factory.SubFactory(UserFactory)
    role = ParticipationMember.Role.PENVOERDER


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeStaff

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    role = ProgrammeStaff.Role.SERVICE_DESK


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunderAccess

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    province = factory.LazyFunction(lambda: organisation("PV25"))
