"""The default programme of an edition: the four masterclasses and the closing meeting, as the
programme description (mission README) describes them, in Dutch with English. Plain data, no
database: `cim.events.services.programme.programme_create_defaults` turns it into events that staff
then edit per edition."""

from __future__ import annotations

from dataclasses import dataclass

MC1, MC2, MC3, MC4, CLOSING = "mc1", "mc2", "mc3", "mc4", "closing"
KIND_ORDER = (MC1, MC2, MC3, MC4, CLOSING)
DEFAULT_QUOTA = 3  # "at most 3 people per municipality per masterclass"


@dataclass(frozen=True)
class DefaultEvent:
    kind: str
    title: str
    title_en: str
    audience: str
    audience_en: str
    description: str
    description_en: str
    half_days: int | None
    lunch: bool
    quota: int | None
    companions_from_mc1: bool = False
    requires_project: bool = False
    public_registration: bool = False


_MONITOR_NL = "In elke masterclass leggen we uit wat de CI Monitoring Tool kan en hoe u de digitale scan invult."
_MONITOR_EN = "Every masterclass explains what the CI Monitoring Tool can do and how to fill in the digital scan."
_COMPANION_NL = (
    "Inkopers en coördinatoren die aan masterclass 1 hebben deelgenomen, zijn van harte welkom om hun collega's te "
    "begeleiden."
)
_COMPANION_EN = "Buyers and coordinators who took part in masterclass 1 are welcome to accompany their colleagues."

DEFAULT_EVENTS: tuple[DefaultEvent, ...] = (
    DefaultEvent(
        kind=MC1,
        title="Masterclass 1: Circulair inkopen voor inkopers en coördinatoren",
        title_en="Masterclass 1: Circular procurement for buyers and coordinators",
        audience=(
            "Inkoopadviseurs, strategische inkopers en medewerkers algemene inkoop, en coördinatoren duurzaamheid "
            "of circulaire economie (kwartiermakers)."
        ),
        audience_en=(
            "Procurement advisers, strategic buyers and general procurement staff, and sustainability or "
            "circular-economy coordinators."
        ),
        description=(
            "Wat is circulaire economie; landelijke ambities en afspraken over maatschappelijk verantwoord inkopen "
            "(MVI) en circulair inkopen; de drie perspectieven op circulair inkopen (EMVI/traditioneel, "
            "participatief, innovatiegericht) en het uitlijnen van de inkoopaanpak per perspectief; het inrichten "
            "van een circulaire aanbesteding en (lokale) marktverkenningen; kritieke succesfactoren; samenwerking "
            "met partners; casussen; het gebruik van de CI Monitoring Tool.\n\n"
            "Doel: inkopers gereedmaken voor circulair inkopen, beleidsmakers informeren over wat inkoop kan "
            "bijdragen aan de ambities van de gemeente, en de gemeente voorbereiden op het invullen van de "
            "monitor. De penvoerder van elke gemeente neemt minimaal aan deze masterclass deel.\n\n" + _MONITOR_NL
        ),
        description_en=(
            "What the circular economy is; national ambitions and agreements on socially responsible procurement "
            "(MVI) and circular procurement; the three perspectives on circular procurement (MEAT/traditional, "
            "participatory, innovation-oriented) and aligning the procurement approach per perspective; setting up "
            "a circular tender and (local) market consultations; critical success factors; working with partners; "
            "cases; using the CI Monitoring Tool.\n\n"
            "Aim: prepare buyers for circular procurement, show policy makers what procurement can do for the "
            "municipality's ambitions, and prepare the municipality for filling in the monitor. Each "
            "municipality's lead contact (penvoerder) attends at least this masterclass.\n\n" + _MONITOR_EN
        ),
        half_days=2,
        lunch=True,
        quota=DEFAULT_QUOTA,
    ),
    DefaultEvent(
        kind=MC2,
        title="Masterclass 2: Circulair inkopen voor bestuur en beleid",
        title_en="Masterclass 2: Circular procurement for councils and policy makers",
        audience="College- en raadsleden en beleidsmedewerkers.",
        audience_en="Members of the municipal executive and council, and policy staff.",
        description=(
            "Strategie en tactiek rond circulair inkopen: het bepalen van de inkoopstrategie; het integreren van "
            "inkoop- en duurzaamheidsbeleid; samenwerking tussen afdelingen; het formuleren van beleidsdoelen en "
            "ambities; het voorbereiden van beleid en het aanpakken van knelpunten; de monitor, verantwoording en "
            "verslaglegging; verwachtingenmanagement en samenwerking met partners; casussen.\n\n"
            "Doel: bestuur en beleidsmakers voorbereiden op het formuleren van ambities, doelen en beleid en het "
            "inrichten van het bijbehorende proces. " + _COMPANION_NL + "\n\n" + _MONITOR_NL
        ),
        description_en=(
            "Strategy and tactics of circular procurement: setting the procurement strategy; integrating "
            "procurement and sustainability policy; cooperation between departments; formulating policy goals and "
            "ambitions; preparing policy and tackling bottlenecks; the monitor, accountability and reporting; "
            "expectation management and partners; cases.\n\n"
            "Aim: prepare councils and policy makers to formulate ambitions, goals and policy and to set up the "
            "process behind them. " + _COMPANION_EN + "\n\n" + _MONITOR_EN
        ),
        half_days=1,
        lunch=False,
        quota=DEFAULT_QUOTA,
        companions_from_mc1=True,
    ),
    DefaultEvent(
        kind=MC3,
        title="Masterclass 3: Circulair inkopen in de uitvoering",
        title_en="Masterclass 3: Circular procurement in practice",
        audience=(
            "Afdelingshoofden, projectleiders en medewerkers van uitvoerende diensten (onder andere grond-, weg- en "
            "waterbouw, beheer openbare ruimte, huisvesting en facilitair management)."
        ),
        audience_en=(
            "Heads of department, project leaders and staff of executive services (civil engineering, public "
            "space, housing and facility management, among others)."
        ),
        description=(
            "De drie perspectieven op circulair inkopen en het uitlijnen van de inkoopaanpak; beleid vertalen naar "
            "uitvoering; het inrichten van een circulaire aanbesteding; kritieke succesfactoren; "
            "(samenwerkings)partners meekrijgen en verwachtingenmanagement; risicomanagement; casussen; het gebruik "
            "van de monitor.\n\n"
            "Doel: uitvoerende medewerkers voorbereiden op hun rol in circulair inkopen. " + _COMPANION_NL + "\n\n"
            "" + _MONITOR_NL
        ),
        description_en=(
            "The three perspectives on circular procurement and aligning the approach; translating policy into "
            "execution; setting up a circular tender; critical success factors; getting partners on board and "
            "managing expectations; risk management; cases; using the monitor.\n\n"
            "Aim: prepare executive staff for their role in circular procurement. " + _COMPANION_EN + "\n\n"
            "" + _MONITOR_EN
        ),
        half_days=1,
        lunch=False,
        quota=DEFAULT_QUOTA,
        companions_from_mc1=True,
    ),
    DefaultEvent(
        kind=MC4,
        title="Masterclass 4: Verticale integratie",
        title_en="Masterclass 4: Vertical integration",
        audience="Alle deelnemers van masterclass 1 tot en met 3.",
        audience_en="All participants of masterclasses 1 to 3.",
        description=(
            "Het verbinden van aan inkoop gerelateerde processen in de organisatie, zodat circulair inkopen een "
            "vast onderdeel van de aanpak van de gemeente wordt. Elke gemeente brengt een eigen aanbesteding of "
            "project in dat zij tijdens de reeks heeft gekozen om circulair in te kopen; de deelnemers helpen "
            "elkaar de ambitie en de inkoopaanpak vorm te geven.\n\n" + _MONITOR_NL
        ),
        description_en=(
            "Connecting the procurement-related processes across the organisation, so that circular procurement "
            "becomes part of the municipality's approach. Each municipality brings a tender or project of its own "
            "that it selected during the series to be procured circularly; participants help each other shape the "
            "ambition and the procurement approach.\n\n" + _MONITOR_EN
        ),
        half_days=1,
        lunch=False,
        quota=DEFAULT_QUOTA,
        requires_project=True,
    ),
    DefaultEvent(
        kind=CLOSING,
        title="Slotbijeenkomst",
        title_en="Closing meeting",
        audience=(
            "Alle deelnemers aan de monitor en de masterclasses, en nieuwe geïnteresseerden van decentrale overheden."
        ),
        audience_en=(
            "Everyone who took part in the monitor and the masterclasses, and new interested people from "
            "decentralised governments."
        ),
        description=(
            "Een brede, open bijeenkomst: de algemene bevindingen van de monitor, een blik op de volgende editie, "
            "de bekendmaking van de Top 10 circulair inkopen, en de Top 3 vertelt over hun lessen en de hindernissen "
            "die zij hebben overwonnen."
        ),
        description_en=(
            "A broad, open meeting: the general findings of the monitor, a look ahead to the next edition, the "
            "announcement of the Top 10 on circular procurement, and the Top 3 share their lessons and the "
            "obstacles they overcame."
        ),
        half_days=1,
        lunch=False,
        quota=None,
        public_registration=True,
    ),
)
