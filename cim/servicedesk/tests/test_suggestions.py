"""Improvement suggestions: submitted about a question or in general, triaged by staff, the
reason shown to the municipality, accepted ones listed by question key."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cim.servicedesk.models import Suggestion
from cim.servicedesk.selectors import accepted_suggestions
from cim.servicedesk.services.suggestions import suggestion_decide, suggestion_submit

pytestmark = pytest.mark.django_db


def test_member_suggests_about_a_question(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("contributor")
    page = client.get(reverse("servicedesk:suggest") + "?vraag=strategie.q7")
    assert "strategie.q7" in page.content.decode()
    response = client.post(
        reverse("servicedesk:suggest"),
        {
            "participation": world.participation.pk,
            "body": "Splits deze vraag in tweeën.",
            "question_key": "strategie.q7",
        },
    )
    assert response["Location"] == reverse("servicedesk:suggestions")
    suggestion = Suggestion.objects.get()
    assert (suggestion.question_key, suggestion.status, suggestion.created_by) == (
        "strategie.q7",
        "new",
        world.user("contributor"),
    )
    assert "Splits deze vraag" in client_for("penvoerder").get(reverse("servicedesk:suggestions")).content.decode()
    assert (
        "Splits deze vraag"
        not in client_for("foreign_penvoerder").get(reverse("servicedesk:suggestions")).content.decode()
    )


def test_declining_needs_a_reason_the_member_sees(world, client_for) -> None:  # type: ignore[no-untyped-def]
    suggestion = suggestion_submit(actor=world.user("penvoerder"), participation=world.participation, body="Idee")
    desk = client_for("servicedesk")
    response = desk.post(reverse("servicedesk:staff_suggestion", args=[suggestion.pk]), {"decision": "declined"})
    assert response.status_code == 400
    assert "Geef een reden" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == "new"
    desk.post(
        reverse("servicedesk:staff_suggestion", args=[suggestion.pk]),
        {"decision": "declined", "reason": "Past niet in de methode."},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "declined"
    assert suggestion.decided_by == world.user("servicedesk")
    page = client_for("penvoerder").get(reverse("servicedesk:suggestions")).content.decode()
    assert "niet overgenomen" in page
    assert "Past niet in de methode." in page


def test_accepted_suggestions_by_question_key(world, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = world.user("servicedesk")
    for key, body in (("q.b", "Tweede"), ("q.a", "Eerste"), ("", "Algemeen"), ("q.a", "Nog een")):
        s = suggestion_submit(
            actor=world.user("penvoerder"), participation=world.participation, body=body, question_key=key
        )
        suggestion_decide(actor=desk, suggestion=s, decision="accepted")
    declined = suggestion_submit(
        actor=world.user("penvoerder"), participation=world.participation, body="Nee", question_key="q.a"
    )
    suggestion_decide(actor=desk, suggestion=declined, decision="declined", reason="Nee")
    grouped = accepted_suggestions(world.programme)
    assert {k: [s.body for s in v] for k, v in grouped.items()} == {
        "": ["Algemeen"],
        "q.a": ["Eerste", "Nog een"],
        "q.b": ["Tweede"],
    }
    assert accepted_suggestions(world.other_programme) == {}
    page = client_for("servicedesk").get(reverse("servicedesk:staff_accepted")).content.decode()
    assert page.index("q.a") < page.index("q.b")
    assert "Algemeen" in page
    assert "Nee" not in page
    assert "Eerste" not in client_for("foreign_staff").get(reverse("servicedesk:staff_accepted")).content.decode()


def test_staff_list_filters_and_foreign_staff_see_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    suggestion_submit(
        actor=world.user("penvoerder"), participation=world.participation, body="Nieuw idee", question_key="q.z"
    )
    desk = client_for("servicedesk")
    assert "Nieuw idee" in desk.get(reverse("servicedesk:staff_suggestions")).content.decode()
    assert "Nieuw idee" not in desk.get(reverse("servicedesk:staff_suggestions") + "?status=accepted").content.decode()
    assert (
        "Nieuw idee" in desk.get(reverse("servicedesk:staff_suggestions") + "?status=alle&vraag=q.z").content.decode()
    )
    assert (
        "Nieuw idee" not in client_for("foreign_staff").get(reverse("servicedesk:staff_suggestions")).content.decode()
    )


def test_bad_suggestions_change_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    for data in (
        {"participation": world.participation.pk, "body": ""},
        {"participation": world.participation.pk, "body": "x" * 5001},
        {"participation": world.participation.pk, "body": "ok", "question_key": "<script>"},
        {"participation": world.foreign_participation.pk, "body": "namens een ander"},
        {"participation": "abc", "body": "ok"},
    ):
        assert client.post(reverse("servicedesk:suggest"), data).status_code in (400, 404)
    assert not Suggestion.objects.exists()


def test_accepted_suggestions_appear_beside_their_question_in_the_next_editions_preview(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.questionnaires.selectors import active_definition_row, parsed
    from cim.testing import factories as f

    desk = world.user("servicedesk")
    for key, body, decision in (
        ("policy_target", "Geef een voorbeeld van groenonderhoud.", "accepted"),
        ("", "Maak de scan korter.", "accepted"),
        ("policy_target", "Schrap deze vraag.", "declined"),
    ):
        s = suggestion_submit(
            actor=world.user("penvoerder"), participation=world.participation, body=body, question_key=key
        )
        suggestion_decide(actor=desk, suggestion=s, decision=decision, reason="Nee" if decision == "declined" else "")
    following = f.EditionFactory(programme=world.programme, year=world.edition.year + 1, status="draft")
    section = parsed(active_definition_row(following)).question("policy_target").section_key  # type: ignore[union-attr]
    url = reverse("questionnaires:staff_preview", args=[following.pk]) + f"?onderdeel={section}"

    page = client_for("servicedesk").get(url).content.decode()
    assert "Geef een voorbeeld van groenonderhoud." in page
    assert "Maak de scan korter." in page  # general suggestions above the section
    assert "Schrap deze vraag." not in page
    assert f"Overgenomen verbetersuggestie ({world.edition.year})" in page
    # An earlier edition's preview does not show what was suggested later.
    earlier = f.EditionFactory(programme=world.programme, year=world.edition.year - 1, status="draft")
    page = client_for("servicedesk").get(
        reverse("questionnaires:staff_preview", args=[earlier.pk]) + f"?onderdeel={section}"
    )
    assert "Geef een voorbeeld van groenonderhoud." not in page.content.decode()


def test_the_ask_and_suggest_forms_name_the_question_in_words(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.questionnaires.selectors import active_definition_row, parsed

    question = parsed(active_definition_row(world.edition)).question("policy_target")  # type: ignore[union-attr]
    client = client_for("penvoerder")
    for name in ("servicedesk:ask", "servicedesk:suggest"):
        page = client.get(reverse(name) + "?vraag=policy_target").content.decode()
        assert f"{question.number} {question.text}" in page, name  # type: ignore[union-attr]
    # An unknown key is shown as it is (escaped); a malformed one not at all.
    assert "q.onbekend" in client.get(reverse("servicedesk:ask") + "?vraag=q.onbekend").content.decode()
    assert "<script>" not in client.get(reverse("servicedesk:ask") + "?vraag=<script>").content.decode()
