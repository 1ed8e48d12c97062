"""Demo: conversations in every state, suggestions (new, accepted, declined), a sent
announcement, the guide and FAQ. Idempotent: does nothing the second time."""

from __future__ import annotations

from django.utils import timezone

from cim.core.demo import DemoContext
from cim.editions.models import Participation, ParticipationMember
from cim.servicedesk.models import Announcement, GuidanceItem, Suggestion, Thread
from cim.servicedesk.selectors.announcements import announcement_recipients
from cim.servicedesk.services import announcements as announcement_services
from cim.servicedesk.services import guidance as guidance_services
from cim.servicedesk.services import suggestions as suggestion_services
from cim.servicedesk.services import threads as thread_services

CONVERSATIONS = [
    # (municipality, subject, question key, question, answer or None, close?, internal note or None)
    (
        "GM0202",
        "Welke uitgaven tellen mee voor GWW?",
        "operationeel.inkoop.gww",
        "Horen onderhoudscontracten voor groen bij grond-, weg- en waterbouw of bij beheer openbare ruimte?",
        None,
        False,
        "Navragen bij de analist hoe we dit vorig jaar hebben geteld.",
    ),
    (
        "GM0268",
        "Verlenging inleverdatum",
        "",
        "Door de gemeenteraadsverkiezingen lukt het ons niet voor de inleverdatum. Kunnen we twee weken uitstel krijgen?",
        "Dat kan. We hebben de inleverdatum voor uw organisatie met twee weken verlengd.",
        False,
        None,
    ),
    (
        "GM0301",
        "Wie moet ik uitnodigen voor de bedragen?",
        "operationeel.bedragen",
        "Ik weet niet wie bij ons de bedragen per categorie heeft. Wie vullen dit meestal in?",
        "Meestal de inkoopcontroller of de afdeling financiën (spend-analyse). In de handleiding staat een overzicht.",
        True,
        None,
    ),
]

SUGGESTIONS = [
    (
        "GM0202",
        "strategisch.beleid.ambitie",
        "Voeg een antwoordmogelijkheid toe voor ambities die in een regionale samenwerking zijn vastgelegd.",
        "accepted",
        "",
    ),
    ("GM0268", "", "Graag een voorbeeld van een goed ingevulde scan bij de start van de editie.", "new", ""),
    (
        "GM0301",
        "operationeel.bedragen",
        "Laat ons de bedragen als Excel-bestand uploaden.",
        "declined",
        "Bedragen blijven per vraag ingevuld, zodat ze per categorie te controleren zijn; wel kunt u de werkmap downloaden om voor te bereiden.",
    ),
]


def _penvoerder(participation: Participation):  # type: ignore[no-untyped-def]
    member = (
        ParticipationMember.objects.filter(
            participation=participation, role=ParticipationMember.Role.PENVOERDER, is_active=True
        )
        .select_related("user")
        .first()
    )
    return member.user if member else None


def seed(ctx: DemoContext) -> None:
    programme = ctx.data.get("programme")
    editions = ctx.data.get("editions") or {}
    desk = ctx.data.get("service_desk")
    if programme is None or not editions or desk is None:
        return
    current = editions[max(editions)]
    if not GuidanceItem.objects.filter(programme=programme).exists():
        guidance_services.guidance_install_defaults(actor=desk, programme=programme)
    participations = {
        p.organisation.cbs_code: p
        for p in Participation.objects.filter(edition=current).select_related("organisation", "edition__programme")
    }
    if not Thread.objects.filter(participation__edition=current).exists():
        for code, subject, key, question, answer, close, note in CONVERSATIONS:
            participation = participations.get(code)
            penvoerder = participation and _penvoerder(participation)
            if not participation or not penvoerder:
                continue
            thread = thread_services.thread_open(
                actor=penvoerder, participation=participation, subject=subject, body=question, question_key=key
            )
            if note:
                thread_services.thread_reply_staff(actor=desk, thread=thread, body=note, internal=True)
            if answer:
                thread_services.thread_reply_staff(actor=desk, thread=thread, body=answer, close=close)
    if not Suggestion.objects.filter(participation__edition=current).exists():
        for code, key, body, status, reason in SUGGESTIONS:
            participation = participations.get(code)
            penvoerder = participation and _penvoerder(participation)
            if not participation or not penvoerder:
                continue
            suggestion = suggestion_services.suggestion_submit(
                actor=penvoerder, participation=participation, body=body, question_key=key
            )
            if status != "new":
                suggestion_services.suggestion_decide(actor=desk, suggestion=suggestion, decision=status, reason=reason)
    if not Announcement.objects.filter(edition=current).exists():
        announcement = announcement_services.announcement_save(
            actor=desk,
            edition=current,
            title="Masterclass 1 en de scan: let op de data",
            title_en="Masterclass 1 and the scan: mind the dates",
            body=(
                "Beste penvoerders,\n\nDe scan staat open. In masterclass 1 lichten we toe hoe u hem invult. "
                "Heeft u vragen? Stel ze via de servicedesk in de applicatie."
            ),
            body_en=(
                "Dear lead contacts,\n\nThe scan is open. In masterclass 1 we explain how to fill it in. "
                "Any questions? Ask them through the service desk in the application."
            ),
        )
        # Marked as sent without e-mailing 40+ demo addresses on every fresh install.
        Announcement.objects.filter(pk=announcement.pk).update(
            sent_at=timezone.now(),
            sent_by=desk,
            recipient_count=len(announcement_recipients(current)),
        )
    ctx.notes.append("Service desk: demo conversations, suggestions and a sent announcement are in place.")
