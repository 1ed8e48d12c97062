"""Demo: the Gelderland programme, three editions, 51 municipalities, staff, funder, penvoerders."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from cim.accounts.models import User
from cim.accounts.totp import totp_activate
from cim.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext
from cim.editions.lifecycle import ORDER, EditionStatus, next_status
from cim.editions.models import (
    Edition,
    FeedbackMoment,
    FunderAccess,
    Participation,
    ParticipationMember,
    Programme,
    ProgrammeStaff,
)
from cim.editions.services import editions as edition_services
from cim.editions.services import login_codes as code_services
from cim.editions.services import participations as participation_services
from cim.organisations.models import Organisation
from cim.organisations.reference import parse_population
from cim.organisations.services import population_import

AMS = ZoneInfo("Europe/Amsterdam")
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only
POPULATION_FILE = Path(__file__).parent / "demo_population_gelderland.csv"
# (editions before the current one, target status, number of Gelderland municipalities taking part)
EDITIONS = (
    (2, EditionStatus.RESULTS_RELEASED, 30),
    (1, EditionStatus.RESULTS_RELEASED, 38),
    (0, EditionStatus.OPEN, 44),
)
SHOWCASE = ("GM0202", "GM0268", "GM0301")  # Arnhem, Nijmegen, Zutphen: always taking part


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose


def demo_user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, name=name, password=_demo_password_hash())
    return user


@dataclass(frozen=True)
class DemoEdition:
    """One demo edition's timeline, built around the Monday of the week it is 'now' in."""

    year: int
    target: EditionStatus
    count: int
    opens_at: dt.datetime
    deadline: dt.datetime
    interim: dt.date
    results: dt.date
    closing_meeting: dt.date


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=AMS)


def demo_editions(today: dt.date) -> list[DemoEdition]:
    """The current edition opened eight weeks ago and is due in six; its interim feedback was last
    week, its results and closing meeting lie ahead. The two before it are the same, one and two
    years (52 and 104 weeks) earlier, and are released. Relative to `today`, so the demo works on
    any date."""
    monday = today - dt.timedelta(days=today.weekday())
    current_year = (monday - dt.timedelta(weeks=8)).year
    plans = []
    for back, target, count in EDITIONS:
        anchor = monday - dt.timedelta(weeks=52 * back)
        plans.append(
            DemoEdition(
                year=current_year - back,
                target=target,
                count=count,
                opens_at=_at(anchor - dt.timedelta(weeks=8), 9),
                deadline=_at(anchor + dt.timedelta(weeks=6, days=4), 17),
                interim=anchor - dt.timedelta(weeks=1) + dt.timedelta(days=2),
                results=anchor + dt.timedelta(weeks=11, days=3),
                closing_meeting=anchor + dt.timedelta(weeks=14, days=3),
            )
        )
    return plans


def seed(ctx: DemoContext) -> None:
    gelderland = Organisation.objects.get(cbs_code="PV25")
    municipalities = list(
        Organisation.objects.filter(province=gelderland, kind=Organisation.Kind.MUNICIPALITY).order_by("cbs_code")
    )
    if not any(m.population for m in municipalities):
        population_import(populations=parse_population(POPULATION_FILE.read_bytes()), year=2023)
        ctx.notes.append("Demo populations for Gelderland loaded (approximate; import the CBS table for real figures).")

    programme, _ = Programme.objects.get_or_create(
        slug="gelderland",
        defaults={
            "name": "Circulair Inkopen Gelderland",
            "contact_email": "servicedesk@" + DEMO_DOMAIN,
            "contact_phone": "026 123 45 67",
            "description": "Monitor en leerprogramma circulair inkopen voor decentrale overheden in Gelderland.",
            "description_en": "Circular procurement monitor and learning programme for local governments in Gelderland.",
        },
    )
    desk = demo_user("servicedesk@" + DEMO_DOMAIN, "Sanne de Servicedesk")
    analyst = demo_user("analist@" + DEMO_DOMAIN, "Arjen Analist")
    funder = demo_user("provincie@" + DEMO_DOMAIN, "Femke van de Provincie")
    ProgrammeStaff.objects.get_or_create(
        programme=programme, user=desk, defaults={"role": ProgrammeStaff.Role.SERVICE_DESK}
    )
    ProgrammeStaff.objects.get_or_create(
        programme=programme, user=analyst, defaults={"role": ProgrammeStaff.Role.ANALYST}
    )
    FunderAccess.objects.get_or_create(programme=programme, user=funder, province=gelderland)
    for user in (desk, analyst):
        totp_activate(user, DEMO_TOTP_SECRET)
    ctx.data.update(programme=programme, service_desk=desk, analyst=analyst, funder=funder, province=gelderland)
    ctx.login("servicedesk", desk.email, "(2FA: python manage.py demo_totp " + desk.email + ")")
    ctx.login("analyst", analyst.email, "(2FA: python manage.py demo_totp " + analyst.email + ")")
    ctx.login("funder", funder.email, "(Province of Gelderland)")

    editions = {}
    rng = ctx.rng
    codes = [m.cbs_code for m in municipalities if m.cbs_code]
    for nth, plan in enumerate(demo_editions(ctx.today)):
        edition = Edition.objects.filter(programme=programme, year=plan.year).first()
        if edition is None:
            edition = _create_edition(desk, programme, plan, rng.sample, codes, nth)
        editions[plan.year] = edition
    current = editions[max(editions)]
    if current.submission_deadline <= timezone.now():
        ctx.notes.append(
            "The demo's open edition is past its deadline: it was seeded on an earlier date. "
            "Delete db.sqlite3 and run make run again for a demo around today."
        )
    ctx.data["editions"] = editions

    _seed_people(ctx, editions)


def _install_demo_questionnaire(edition: Edition, nth: int) -> None:
    """The n-th demo edition asks the n-th shipped questionnaire (retargeted to its year), so the
    demo's answers, scores and Top 10s are the same on every date."""
    from cim.questionnaires import services as questionnaires  # it builds on editions, not the reverse

    shipped = questionnaires.shipped_years()
    if not shipped:
        return
    source_year = shipped[min(nth, len(shipped) - 1)]
    if source_year == edition.year:
        return
    source = questionnaires.retarget_year(questionnaires.shipped_source(source_year) or "", edition.year)
    questionnaires.definition_install(
        actor=None, edition=edition, source=source, filename=f"monitor-{source_year}.yaml"
    )


def _create_edition(
    desk: User, programme: Programme, plan: DemoEdition, sample: Any, codes: list[str], nth: int
) -> Edition:
    edition = edition_services.edition_create(
        actor=desk,
        programme=programme,
        year=plan.year,
        title=f"Circulair Inkopen Monitor {plan.year}",
        title_en=f"Circular Procurement Monitor {plan.year}",
        opens_at=plan.opens_at,
        submission_deadline=plan.deadline,
        closing_meeting_date=plan.closing_meeting,
        allow_past=True,
    )
    _install_demo_questionnaire(edition, nth)
    for date, kind, text, text_en in (
        (
            plan.interim,
            FeedbackMoment.Kind.PROGRESS,
            "Tussentijdse terugkoppeling: voortgang van het invullen",
            "Interim feedback: progress of filling in",
        ),
        (
            plan.results,
            FeedbackMoment.Kind.RESULTS,
            "Terugkoppeling van de resultaten aan de penvoerders",
            "Results fed back to the lead contacts",
        ),
    ):
        edition_services.feedback_moment_add(
            actor=desk, edition=edition, date=date, kind=kind, description=text, description_en=text_en
        )
    chosen = sorted(set(SHOWCASE) | set(sample([c for c in codes if c not in SHOWCASE], plan.count - len(SHOWCASE))))
    participation_services.participations_add_bulk(actor=desk, edition=edition, codes_text=" ".join(chosen))
    while ORDER.index(EditionStatus(edition.status)) < ORDER.index(plan.target):
        step = next_status(edition.status)
        assert step is not None
        edition = edition_services.edition_change_status(actor=desk, edition=edition, to_status=step)
    return edition


def _seed_people(ctx: DemoContext, editions: dict[int, Edition]) -> None:
    desk = ctx.data["service_desk"]
    current_year = max(editions)
    for year, edition in editions.items():
        participations = list(Participation.objects.filter(edition=edition).select_related("organisation"))
        for index, participation in enumerate(participations):
            org = participation.organisation
            email = f"penvoerder.{slug(org.name)}@{DEMO_DOMAIN}"
            if not participation.contact_email:
                participation.contact_name = f"Penvoerder {org.name}"
                participation.contact_email = email
                participation.save(update_fields=["contact_name", "contact_email"])
            has_penvoerder = ParticipationMember.objects.filter(participation=participation, role="penvoerder").exists()
            if has_penvoerder:
                continue
            # In the open edition some municipalities have not registered yet.
            if year == current_year and org.cbs_code not in SHOWCASE and index % 8 == 3:
                code_services.login_code_issue(actor=desk, participation=participation)
                continue
            if year == current_year and org.cbs_code not in SHOWCASE and index % 8 == 5:
                continue
            user = demo_user(email, f"Penvoerder {org.name}")
            ParticipationMember.objects.create(participation=participation, user=user, role="penvoerder", added_by=desk)
            if index % 3 == 0 or org.cbs_code in SHOWCASE:
                colleague = demo_user(f"collega.{slug(org.name)}@{DEMO_DOMAIN}", f"Collega {org.name}")
                ParticipationMember.objects.create(
                    participation=participation, user=colleague, role="contributor", added_by=user
                )
    ctx.login("penvoerder", f"penvoerder.arnhem@{DEMO_DOMAIN}", "(Arnhem, all three editions)")
    ctx.login("penvoerder", f"penvoerder.nijmegen@{DEMO_DOMAIN}", "(Nijmegen)")
    ctx.login("contributor", f"collega.arnhem@{DEMO_DOMAIN}", "(Arnhem)")
