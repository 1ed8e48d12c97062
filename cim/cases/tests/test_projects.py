"""Projects: recorded by a municipality, confidential to it and programme staff, carried over the
editions with a phase history, and one per edition brought to masterclass 4."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.cases.models import Masterclass4Choice, Project, ProjectPhaseChange
from cim.cases.selectors import masterclass4_project
from cim.cases.services import projects as project_services
from cim.cases.tests import objects as o
from cim.core.errors import DomainError
from cim.testing import factories as f
from cim.testing.world import ANALYST, CONTRIBUTOR, FOREIGN_PENVOERDER, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db


def post_project(client, **extra):  # type: ignore[no-untyped-def]
    data = {"title": "Circulaire bedrijfskleding", "category": o.tag("facilitair").pk, "phase": "idea", **extra}
    return client.post(reverse("cases:project_create"), data)


def test_penvoerder_records_a_project_that_starts_its_history(world, client_for) -> None:
    response = post_project(
        client_for(PENVOERDER),
        perspective=o.tag("participatief").pk,
        planned_tender_date="2031-03-01",
        ambition="Kleding die terug kan naar de leverancier.",
    )
    project = Project.objects.get(title="Circulaire bedrijfskleding")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:project", args=[project.pk])
    assert project.organisation == world.participation.organisation
    assert project.first_edition == world.edition
    assert [(c.from_phase, c.to_phase) for c in project.phase_changes.all()] == [("", "idea")]
    assert AuditEntry.objects.filter(action="cases.project_created", object_id=str(project.pk)).exists()
    page = client_for(PENVOERDER).get(reverse("cases:project", args=[project.pk])).content.decode()
    assert "Kleding die terug kan naar de leverancier." in page
    assert "Idee" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("category", "999999", "Selecteer een geldige keuze"),
        ("category", "", "Dit veld is vereist"),
        ("planned_tender_date", "31-31-2031", "Voer een geldige datum in"),
        ("planned_tender_date", "9999-01-01", "tussen 2000 en 2100"),
        ("phase", "launched", "Selecteer een geldige keuze"),
        ("title", "x" * 201, "niet meer dan 200 tekens"),
    ],
)
def test_bad_input_is_refused_with_a_message(world, client_for, field, value, message) -> None:
    response = post_project(client_for(PENVOERDER), **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_a_double_submit_records_one_project(world, client_for) -> None:
    client = client_for(PENVOERDER)
    post_project(client)
    response = post_project(client, title=" circulaire  BEDRIJFSKLEDING ")
    assert response.status_code == 400
    assert "al een project met deze titel" in response.content.decode()
    assert Project.objects.count() == 1
    # Another organisation may use the same title.
    assert post_project(client_for(FOREIGN_PENVOERDER)).status_code == 302


def test_a_perspective_cannot_be_used_as_category(world, client_for) -> None:
    response = post_project(client_for(PENVOERDER), category=o.tag("emvi").pk)
    assert response.status_code == 400
    assert not Project.objects.exists()


def test_script_in_a_project_is_shown_as_text(world, client_for) -> None:
    post_project(client_for(PENVOERDER), title="<script>alert(1)</script>", partners="<img src=x onerror=alert(1)>")
    project = Project.objects.get()
    page = client_for(PENVOERDER).get(reverse("cases:project", args=[project.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_phase_changes_build_the_history_across_editions(world, client_for) -> None:
    project = o.project(world)
    next_edition = f.EditionFactory(programme=world.programme, year=2031)
    f.ParticipationFactory(edition=next_edition, organisation=world.participation.organisation)
    response = client_for(CONTRIBUTOR).post(
        reverse("cases:project_edit", args=[project.pk]),
        {
            "title": project.title,
            "category": project.category.pk,
            "phase": "market_consultation",
            "phase_note": "Vijf partijen gesproken",
        },
    )
    assert response.status_code == 302
    changes = list(project.phase_changes.order_by("pk"))
    assert [(c.from_phase, c.to_phase) for c in changes] == [("", "idea"), ("idea", "market_consultation")]
    assert changes[0].edition == world.edition
    assert changes[1].edition == next_edition  # the project carried over to the next edition
    assert changes[1].note == "Vijf partijen gesproken"
    page = client_for(PENVOERDER).get(reverse("cases:project", args=[project.pk])).content.decode()
    assert "Vijf partijen gesproken" in page
    assert next_edition.title in page


def test_saving_without_changes_adds_no_history(world) -> None:
    project = o.project(world)
    project_services.project_update(actor=world.user(PENVOERDER), project=project, title=project.title)
    assert ProjectPhaseChange.objects.filter(project=project).count() == 1
    assert not AuditEntry.objects.filter(action="cases.project_updated").exists()


def test_another_municipality_cannot_read_or_change_a_project(world, client_for) -> None:
    project = o.project(world)
    client = client_for(FOREIGN_PENVOERDER)
    assert client.get(reverse("cases:project", args=[project.pk])).status_code == 404
    response = client.post(reverse("cases:project_edit", args=[project.pk]), {"title": "Gekaapt", "phase": "idea"})
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.title != "Gekaapt"
    assert AuditEntry.objects.filter(action="access.denied", object_id=str(project.pk)).count() == 2
    assert project.title not in client.get(reverse("cases:projects")).content.decode()


def test_staff_reads_are_audited_and_analysts_cannot_write(world, client_for) -> None:
    project = o.project(world)
    assert client_for(ANALYST).get(reverse("cases:project", args=[project.pk])).status_code == 200
    entry = AuditEntry.objects.get(action="confidential.read", object_id=str(project.pk))
    assert entry.actor == world.user(ANALYST)
    assert entry.organisation == project.organisation
    assert client_for(ANALYST).get(reverse("cases:project_edit", args=[project.pk])).status_code == 404
    client_for(SERVICE_DESK).get(reverse("cases:projects"))
    overview = AuditEntry.objects.get(action="confidential.read", details__what="projecten")
    assert overview.details["organisations"] == [project.organisation_id]


def test_penvoerder_brings_one_project_to_masterclass_4(world, client_for) -> None:
    first = o.project(world)
    second = project_services.project_create(
        actor=world.user(PENVOERDER), owner=o.owner(world), title="Tweede project", category=o.tag("energie")
    )
    client = client_for(PENVOERDER)
    url = reverse("cases:project_masterclass4", args=[first.pk])
    client.post(url, {"edition": world.edition.pk, "action": "choose"})
    assert masterclass4_project(world.participation.organisation, world.edition) == first
    page = client.get(reverse("cases:project", args=[second.pk])).content.decode()
    assert "Dit project inbrengen in plaats daarvan" in page
    client.post(reverse("cases:project_masterclass4", args=[second.pk]), {"edition": world.edition.pk})
    assert masterclass4_project(world.participation.organisation, world.edition) == second
    assert Masterclass4Choice.objects.count() == 1
    client.post(
        reverse("cases:project_masterclass4", args=[second.pk]), {"edition": world.edition.pk, "action": "clear"}
    )
    assert masterclass4_project(world.participation.organisation, world.edition) is None
    actions = list(AuditEntry.objects.filter(action__startswith="cases.masterclass4").values_list("action", flat=True))
    assert actions.count("cases.masterclass4_chosen") == 2
    assert actions.count("cases.masterclass4_cleared") == 1


def test_database_allows_one_masterclass_4_project_per_organisation_and_edition(world) -> None:
    first = o.project(world)
    Masterclass4Choice.objects.create(edition=world.edition, organisation=first.organisation, project=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        Masterclass4Choice.objects.create(edition=world.edition, organisation=first.organisation, project=first)


@pytest.mark.parametrize("role", [CONTRIBUTOR, SERVICE_DESK])
def test_only_the_penvoerder_chooses_for_masterclass_4(world, client_for, role) -> None:
    project = o.project(world)
    response = client_for(role).post(
        reverse("cases:project_masterclass4", args=[project.pk]), {"edition": world.edition.pk}, follow=True
    )
    assert "Alleen de penvoerder" in response.content.decode()
    assert not Masterclass4Choice.objects.exists()


def test_masterclass_4_refuses_foreign_and_unknown_editions(world, client_for) -> None:
    project = o.project(world)
    other_edition = f.EditionFactory(programme=world.other_programme, year=2031)
    url = reverse("cases:project_masterclass4", args=[project.pk])
    for value in (other_edition.pk, "999999", "abc", "1" * 40):
        response = client_for(PENVOERDER).post(url, {"edition": value}, follow=True)
        assert response.status_code == 200
        assert "alert" in response.content.decode()
    assert not Masterclass4Choice.objects.exists()


def test_no_masterclass_4_choice_without_masterclasses(world) -> None:
    project = o.project(world)
    world.participation.takes_masterclasses = False
    world.participation.save()
    with pytest.raises(DomainError, match="niet mee aan de masterclasses"):
        project_services.masterclass4_choose(actor=world.user(PENVOERDER), project=project, edition=world.edition)


def test_project_list_needs_few_queries(world, client_for, django_assert_max_num_queries) -> None:
    for index in range(15):
        project_services.project_create(
            actor=world.user(PENVOERDER), owner=o.owner(world), title=f"Project {index}", category=o.tag("gww")
        )
    client = client_for(SERVICE_DESK)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("cases:projects"))
    assert response.content.decode().count("Project ") >= 15
