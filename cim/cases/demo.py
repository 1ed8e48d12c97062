"""Demo: projects with a history over the editions, shared (de-identified) lessons, lessons on
their way to sharing, and programme material with its attribution. Idempotent."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from cim.accounts.models import User
from cim.cases.models import Lesson, Masterclass4Choice, Material, Project, ProjectPhaseChange, Tag
from cim.cases.selectors import Owner
from cim.cases.services import lessons as lesson_services
from cim.cases.services import material as material_services
from cim.cases.services import projects as project_services
from cim.core.demo import DEMO_DOMAIN, DemoContext
from cim.editions.models import Edition, Participation, Programme

AMS = ZoneInfo("Europe/Amsterdam")

# (organisation, title, category, perspective, [(editions before the current one, phase, note)],
#  planned tender in days from today, ambition)
PROJECTS = (
    (
        "GM0202",
        "Circulaire herinrichting Stationsplein",
        "gww",
        "emvi",
        [(2, "idea", ""), (1, "market_consultation", "Drie marktpartijen gesproken"), (0, "tender", "")],
        -28,
        "Minstens 80% van de bestrating en het straatmeubilair hergebruiken.",
    ),
    (
        "GM0202",
        "Circulair meubilair stadskantoor",
        "facilitair",
        "participatief",
        [(1, "idea", ""), (0, "awarded", "Gegund aan een consortium met een sociale werkplaats")],
        -270,
        "Bestaand meubilair opknappen; nieuw alleen als huur met terugname.",
    ),
    (
        "GM0202",
        "Elektrische veegwagens",
        "mobiliteit",
        "innovatiegericht",
        [(0, "idea", "")],
        None,
        "Emissievrij reinigen met modulaire, repareerbare voertuigen.",
    ),
    (
        "GM0268",
        "Renovatie sporthal met hergebruikte materialen",
        "gebouwen",
        "innovatiegericht",
        [(1, "market_consultation", ""), (0, "tender", "")],
        21,
        "Materialenpaspoort en 50% hergebruikte bouwmaterialen.",
    ),
    (
        "GM0301",
        "Zonnepanelen op gemeentelijk vastgoed",
        "energie",
        "emvi",
        [(2, "tender", ""), (1, "contracted", ""), (0, "evaluated", "Terugnamegarantie opgenomen")],
        -730,
        "Panelen met terugnamegarantie en een registratie van de gebruikte materialen.",
    ),
)
MC4_CURRENT = {
    "GM0202": "Circulaire herinrichting Stationsplein",
    "GM0268": "Renovatie sporthal met hergebruikte materialen",
}

# Shared lessons: (organisation or "" for staff, title, tried, worked, did_not_work, obstacles, phase, tags)
SHARED_LESSONS = (
    (
        "GM0202",
        "Marktconsultatie vóór het bestek loont",
        "Een gemeente organiseerde drie gesprekken met aannemers voordat het bestek voor een herinrichting klaar was.",
        "- Aannemers kwamen zelf met hergebruik van bestrating\n- De gunningscriteria werden realistischer",
        "Eén ronde was te kort om ook leveranciers van straatmeubilair te betrekken.",
        "Interne twijfel over gelijke behandeling: opgelost door alle verslagen te publiceren.",
        "market_consultation",
        ("gww", "emvi", "marktconsultatie", "hoogwaardig-hergebruik"),
    ),
    (
        "GM0268",
        "Materialenpaspoort als gunningscriterium",
        "In een renovatie vroeg de gemeente inschrijvers om een materialenpaspoort van het gebouw op te leveren.",
        "Inschrijvers namen het paspoort serieus toen het **meetelde in de gunning**.",
        "De eerste versie van de eis was te vaag; twee inschrijvers leverden een gewone materiaallijst.",
        "",
        "tender",
        ("gebouwen", "innovatiegericht", "kringlopen-contracten"),
    ),
    (
        "GM0301",
        "Terugnamegarantie werkt alleen met een contractbeheerder",
        "Bij een contract voor zonnepanelen is een terugnamegarantie opgenomen.",
        "De garantie is vastgelegd en de leverancier registreert de gebruikte materialen.",
        "Niemand voelde zich verantwoordelijk voor de registratie tot er een contractbeheerder werd aangewezen.",
        "Budget voor contractbeheer: gevonden door het project als pilot te benoemen.",
        "evaluated",
        ("energie", "emvi", "kringlopen-contracten", "risicobeheer"),
    ),
    (
        "",
        "Begin bij de gebruikers, niet bij het product",
        "In masterclass 3 bespraken deelnemers hoe zij facilitaire aanbestedingen circulair maakten.",
        "Gebruikers vragen wat zij nodig hebben leverde minder nieuwe aankopen op.",
        "Een aanbesteding die alleen op prijs per stuk stuurde, liet geen ruimte voor hergebruik.",
        "",
        "idea",
        ("facilitair", "participatief", "samenwerking-keten"),
    ),
    (
        "GM0202",
        "Intern draagvlak eerst, dan de markt",
        "Een inkoopteam wilde circulair meubilair, maar de afdeling facilitair zag vooral risico's.",
        "Een proefopstelling op één verdieping overtuigde de collega's.",
        "",
        "Angst voor klachten van medewerkers: verminderd door hen te laten kiezen.",
        "awarded",
        ("facilitair", "participatief", "beleid-ambitie", "samenwerking-keten"),
    ),
)


def _tags(keys: tuple[str, ...] | list[str]) -> list[Tag]:
    return list(Tag.objects.filter(key__in=keys))


def _owner(programme: Programme, code: str, year: int) -> Owner | None:
    participation = (
        Participation.objects.filter(edition__programme=programme, edition__year=year, organisation__cbs_code=code)
        .select_related("edition__programme", "organisation")
        .first()
    )
    if participation is None:
        return None
    return Owner(
        f"p{participation.pk}",
        str(participation.organisation),
        programme,
        participation.organisation,
        participation.edition,
    )


def _penvoerder(code: str, programme: Programme, year: int) -> User | None:
    participation = Participation.objects.filter(
        edition__programme=programme, edition__year=year, organisation__cbs_code=code
    ).first()
    member = (
        participation.members.filter(role="penvoerder", is_active=True).select_related("user").first()
        if participation
        else None
    )
    return member.user if member else None


def seed(ctx: DemoContext) -> None:
    programme = ctx.data["programme"]
    editions: dict[int, Edition] = ctx.data["editions"]
    desk = ctx.data["service_desk"]
    _seed_projects(programme, editions, ctx.today)
    _seed_shared_lessons(programme, editions, desk)
    _seed_lessons_in_progress(programme, editions, desk)
    _seed_material(programme, desk, max(editions))
    ctx.notes.append(
        f"Projects and lessons: penvoerder.arnhem@{DEMO_DOMAIN} has a lesson awaiting approval; the service desk "
        "has one to de-identify (Beheer: Lessen anonimiseren). Material: /materiaal/."
    )


def _seed_projects(programme: Programme, editions: dict[int, Edition], today: dt.date) -> None:
    current_year = max(editions)
    for code, title, category, perspective, offsets, planned_in, ambition in PROJECTS:
        steps = [(current_year - back, phase, note) for back, phase, note in offsets]
        planned = today + dt.timedelta(days=planned_in) if planned_in is not None else None
        first_year = steps[0][0]
        owner = _owner(programme, code, first_year)
        user = _penvoerder(code, programme, first_year)
        if (
            owner is None
            or Project.objects.filter(programme=programme, organisation=owner.organisation, title=title).exists()
        ):
            continue
        project = project_services.project_create(
            actor=user,
            owner=owner,
            title=title,
            category=Tag.objects.get(key=category),
            perspective=Tag.objects.get(key=perspective),
            phase=steps[0][1],
            planned_tender_date=planned,
            ambition=ambition,
        )
        for _year, phase, note in steps[1:]:
            project_services.project_update(actor=user, project=project, phase=phase, phase_note=note)
        # Spread the history over the editions it happened in.
        for change, (year, _phase, _note) in zip(project.phase_changes.order_by("pk"), steps, strict=True):
            ProjectPhaseChange.objects.filter(pk=change.pk).update(
                changed_at=_during(editions.get(year), year), edition=editions.get(year)
            )
    current = editions[max(editions)]
    for code, title in MC4_CURRENT.items():
        chosen = Project.objects.filter(programme=programme, organisation__cbs_code=code, title=title).first()
        if chosen and not Masterclass4Choice.objects.filter(edition=current, organisation=chosen.organisation).exists():
            user = _penvoerder(code, programme, current.year)
            if user is not None:
                project_services.masterclass4_choose(actor=user, project=chosen, edition=current)


def _during(edition: Edition | None, year: int) -> dt.datetime:
    """A moment while the edition's scan was open (a month after it opened)."""
    if edition is None:
        return dt.datetime(year, 10, 1, 12, 0, tzinfo=AMS)
    return edition.opens_at + dt.timedelta(days=30)


def _seed_shared_lessons(programme: Programme, editions: dict[int, Edition], desk: User) -> None:
    year = max(editions) - 1
    for code, title, tried, worked, did_not_work, obstacles, phase, keys in SHARED_LESSONS:
        if Lesson.objects.filter(programme=programme, shared_title=title).exists():
            continue
        author = _penvoerder(code, programme, year) if code else desk
        owner = (
            _owner(programme, code, year) if code else Owner(f"s{programme.pk}", str(programme), programme, None, None)
        )
        if owner is None or author is None:
            continue
        texts = {"tried": tried, "worked": worked, "did_not_work": did_not_work, "obstacles": obstacles}
        lesson = lesson_services.lesson_create(
            actor=author,
            owner=owner,
            title=title,
            phase=phase,
            tags=_tags(keys),
            tried=tried,
            worked=worked,
            did_not_work=did_not_work,
            obstacles=obstacles,
        )
        lesson = lesson_services.lesson_submit(actor=author, lesson=lesson)
        lesson = lesson_services.lesson_save_shared(
            actor=desk, lesson=lesson, title=title, phase=phase, tags=_tags(keys), send=True, **texts
        )
        lesson_services.lesson_approve(actor=author, lesson=lesson, version=lesson.shared_version().digest())
    first = Lesson.objects.filter(
        programme=programme, shared_title=SHARED_LESSONS[0][1], top10_edition__isnull=True
    ).first()
    if first is not None and first.organisation is not None and year in editions:
        author = _penvoerder(first.organisation.cbs_code or "", programme, year)
        if author is not None:
            lesson_services.lesson_set_top10(actor=author, lesson=first, edition=editions[year])


def _seed_lessons_in_progress(programme: Programme, editions: dict[int, Edition], desk: User) -> None:
    year = max(editions)
    nijmegen, arnhem = _owner(programme, "GM0268", year), _owner(programme, "GM0202", year)
    if nijmegen and not Lesson.objects.filter(programme=programme, title="Sporthal Nijmegen: de bouwteamfase").exists():
        author = _penvoerder("GM0268", programme, year)
        lesson = lesson_services.lesson_create(
            actor=author,
            owner=nijmegen,
            title="Sporthal Nijmegen: de bouwteamfase",
            tried=(
                "Voor de sporthal aan de Heyendaalseweg in Nijmegen kozen wij een bouwteam. "
                f"Collega Nijmegen van inkoop (collega.nijmegen@{DEMO_DOMAIN}, 024 329 99 99) leidde de gesprekken."
            ),
            worked="De aannemer dacht vanaf het begin mee over hergebruik.",
            phase="tender",
            tags=_tags(("gebouwen", "innovatiegericht")),
        )
        lesson_services.lesson_submit(actor=author, lesson=lesson)
    if (
        arnhem
        and not Lesson.objects.filter(programme=programme, title="Veegwagens: huren in plaats van kopen?").exists()
    ):
        author = _penvoerder("GM0202", programme, year)
        lesson = lesson_services.lesson_create(
            actor=author,
            owner=arnhem,
            title="Veegwagens: huren in plaats van kopen?",
            tried="Arnhem onderzocht met Collega Arnhem of veegwagens gehuurd kunnen worden met onderhoud door de leverancier.",
            did_not_work="De markt bood nog geen huurcontracten met terugname aan.",
            phase="idea",
            tags=_tags(("mobiliteit", "innovatiegericht")),
        )
        lesson = lesson_services.lesson_submit(actor=author, lesson=lesson)
        lesson_services.lesson_save_shared(
            actor=desk,
            lesson=lesson,
            title="Veegwagens: huren in plaats van kopen?",
            tried="Een gemeente onderzocht of veegwagens gehuurd kunnen worden met onderhoud door de leverancier.",
            did_not_work="De markt bood nog geen huurcontracten met terugname aan.",
            phase="idea",
            tags=_tags(("mobiliteit", "innovatiegericht")),
            send=True,
        )


def _pdf(title: str, subtitle: str, attribution: str) -> bytes:
    from weasyprint import HTML

    style = "body{font-family:sans-serif} footer{margin-top:4em;font-size:10pt}"
    html = (
        f'<html lang="nl"><head><title>{title}</title><style>{style}</style></head>'
        f"<body><h1>{title}</h1><p>{subtitle}</p><footer>Bron: {attribution}</footer></body></html>"
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def _seed_material(programme: Programme, desk: User, year: int) -> None:
    items = (
        (
            "slides",
            "mc1",
            "De drie perspectieven op circulair inkopen",
            "De presentatie van masterclass 1: EMVI, participatief en innovatiegericht inkopen, met voorbeelden.",
            f"Circulair Inkopen Gelderland, masterclass 1 ({year})",
            "",
            ("emvi", "participatief", "innovatiegericht"),
            True,
        ),
        (
            "handout",
            "mc3",
            "Risicobeheer bij een circulaire aanbesteding",
            "Hand-out met een checklist voor risico's en hoe u ze in het contract verdeelt.",
            f"Circulair Inkopen Gelderland, masterclass 3 ({year})",
            "",
            ("risicobeheer", "kringlopen-contracten"),
            True,
        ),
        (
            "link",
            "other",
            "Circulair inkopen bij PIANOo",
            "Het expertisecentrum aanbesteden van de Rijksoverheid over circulair inkopen: handreikingen en voorbeelden.",
            "PIANOo, Expertisecentrum Aanbesteden",
            "https://www.pianoo.nl/nl/themas/maatschappelijk-verantwoord-inkopen-mvi/mvi-thema/circulair-inkopen",
            ("beleid-ambitie", "marktconsultatie"),
            True,
        ),
        (
            "handout",
            "mc4",
            "Werkvorm masterclass 4: uw eigen aanbesteding",
            "Werkblad voor de vierde masterclass (nog niet gepubliceerd).",
            f"Circulair Inkopen Gelderland, masterclass 4 ({year})",
            "",
            ("samenwerking-keten",),
            False,
        ),
    )
    for kind, occasion, title, description, attribution, url, keys, publish in items:
        if Material.objects.filter(programme=programme, title=title).exists():
            continue
        upload = None
        if kind != "link":
            upload = SimpleUploadedFile(f"{title}.pdf", _pdf(title, description, attribution), "application/pdf")
        item = material_services.material_create(
            actor=desk,
            programme=programme,
            kind=kind,
            occasion=occasion,
            title=title,
            description=description,
            attribution=attribution,
            url=url,
            upload=upload,
            tags=_tags(keys),
        )
        if publish:
            material_services.material_set_published(actor=desk, material=item, published=True)
