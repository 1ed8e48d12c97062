"""Extension points through which rooms contribute to shared pages without importing each other.

Each app registers, in its AppConfig.ready(): navigation items, dashboard panels and demo seeders.
Core renders them; it never imports an app above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any  # a lazy translation
    url_name: str
    visible: Callable[[HttpRequest], bool]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """One block on the dashboard: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelProvider = Callable[["HttpRequest"], Iterable[Panel]]

_nav: dict[str, NavItem] = {}
_panel_providers: list[PanelProvider] = []
_demo_seeders: list[tuple[int, str]] = []


def register_nav(item: NavItem) -> None:
    _nav[item.key] = item


def nav_items(request: HttpRequest) -> list[NavItem]:
    return sorted((i for i in _nav.values() if i.visible(request)), key=lambda i: i.order)


def register_dashboard(provider: PanelProvider) -> None:
    if provider not in _panel_providers:
        _panel_providers.append(provider)


def dashboard_panels(request: HttpRequest) -> list[Panel]:
    panels = [panel for provider in _panel_providers for panel in provider(request)]
    return sorted(panels, key=lambda p: p.order)


def register_demo(dotted_path: str, order: int) -> None:
    """A demo seeder is `seed(ctx) -> None`; it must be idempotent (see core/demo.py)."""
    if (order, dotted_path) not in _demo_seeders:
        _demo_seeders.append((order, dotted_path))


def demo_seeders() -> list[Callable[..., None]]:
    return [import_string(path) for _, path in sorted(_demo_seeders)]


# --- Reminders -------------------------------------------------------------------------------
# Rooms declare reminder kinds; the service desk's `send_reminders` command sends what is due,
# never the same (kind, key) twice, and lets staff preview and pause each kind.


@dataclass(frozen=True)
class DueReminder:
    key: str  # unique within its kind: a reminder with the same key is never sent twice
    email: str
    name: str
    language: str
    context: dict[str, Any]
    programme_id: int | None = None


@dataclass(frozen=True)
class ReminderKind:
    code: str  # stable, e.g. "scan.deadline_14"
    label: Any  # lazy translation
    description: Any
    template: str  # mail template prefix (…_subject.txt, ….txt, ….html)
    due: Callable[[Any], Iterable[DueReminder]]  # given today's date (Europe/Amsterdam)


_reminder_kinds: dict[str, ReminderKind] = {}


def register_reminder_kind(kind: ReminderKind) -> None:
    _reminder_kinds[kind.code] = kind


def reminder_kinds() -> list[ReminderKind]:
    return sorted(_reminder_kinds.values(), key=lambda k: k.code)


# --- Calendar --------------------------------------------------------------------------------
# Dates a person should see on the dashboard and in their personal iCalendar feed.


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable across feeds and updates
    title: str
    start: Any  # datetime (aware) or date for all-day entries
    end: Any = None
    location: str = ""
    description: str = ""
    url: str = ""
    replaces: str = ""  # the uid of a more general entry this one makes redundant


CalendarProvider = Callable[[Any], Iterable[CalendarEntry]]  # given the user
_calendar_providers: list[CalendarProvider] = []


def register_calendar(provider: CalendarProvider) -> None:
    if provider not in _calendar_providers:
        _calendar_providers.append(provider)


def calendar_entries(user: Any) -> list[CalendarEntry]:
    entries = [entry for provider in _calendar_providers for entry in provider(user)]
    replaced = {entry.replaces for entry in entries if entry.replaces}
    return sorted((e for e in entries if e.uid not in replaced), key=lambda e: str(e.start))


# --- Participation overview columns ----------------------------------------------------------
# The service desk's per-edition overview shows one column per registered provider.


@dataclass(frozen=True)
class OverviewColumn:
    key: str
    label: Any
    values: Callable[[list[Any]], dict[int, str]]  # participations -> {participation id: text}
    order: int = 100


_overview_columns: dict[str, OverviewColumn] = {}


def register_overview_column(column: OverviewColumn) -> None:
    _overview_columns[column.key] = column


def overview_columns() -> list[OverviewColumn]:
    return sorted(_overview_columns.values(), key=lambda c: c.order)


# --- Sections a colleague can be given -------------------------------------------------------
# The scan room tells the invitation form which sections of a participation's scan exist, so
# that the penvoerder can pick the ones a colleague may fill in.

SectionChoicesProvider = Callable[[Any], list[tuple[str, str]]]  # participation -> [(key, title)]
_section_choices: list[SectionChoicesProvider] = []


def register_section_choices(provider: SectionChoicesProvider) -> None:
    if provider not in _section_choices:
        _section_choices.append(provider)


def section_choices(participation: Any) -> list[tuple[str, str]]:
    for provider in _section_choices:
        choices = provider(participation)
        if choices:
            return choices
    return []


# --- Notes beside questions for staff --------------------------------------------------------
# While staff prepare an edition's questionnaire, other rooms may show notes beside its questions
# in the preview (the service desk: the improvement suggestions it accepted for a next edition).


@dataclass(frozen=True)
class QuestionNote:
    heading: Any  # e.g. "Overgenomen verbetersuggestie (2025)"
    text: str


QuestionNotesProvider = Callable[[Any], dict[str, list[QuestionNote]]]  # edition -> question key -> notes
_question_notes: list[QuestionNotesProvider] = []


def register_question_notes(provider: QuestionNotesProvider) -> None:
    if provider not in _question_notes:
        _question_notes.append(provider)


def question_notes(edition: Any) -> dict[str, list[QuestionNote]]:
    """Notes by question key ('' for the questionnaire as a whole), for staff only."""
    found: dict[str, list[QuestionNote]] = {}
    for provider in _question_notes:
        for key, notes in provider(edition).items():
            found.setdefault(key, []).extend(notes)
    return found


# --- Data rights -----------------------------------------------------------------------------
# A municipality downloads all its data as one ZIP; each room contributes its own files. Staff
# anonymise a person on request; each room anonymises what it holds about that person. Retention
# periods are enforced by one command (`manage.py apply_retention`); each room registers its rules.


@dataclass(frozen=True)
class DataScope:
    """Everything an export may contain: one organisation's data within one programme."""

    organisation: Any
    programme: Any
    participations: list[Any]  # the organisation's participations in the programme, all editions
    language: str = "nl"


@dataclass(frozen=True)
class ExportFile:
    path: str  # inside the ZIP, e.g. "scan/antwoorden.csv"; rooms use their own folder
    content: bytes


@dataclass(frozen=True)
class DataExportPart:
    code: str  # the room's folder in the ZIP, e.g. "scan"
    label: Any  # lazy translation, listed on the export page
    files: Callable[[DataScope], Iterable[ExportFile]]
    order: int = 100


_export_parts: dict[str, DataExportPart] = {}


def register_data_export(part: DataExportPart) -> None:
    _export_parts[part.code] = part


def data_export_parts() -> list[DataExportPart]:
    return sorted(_export_parts.values(), key=lambda p: (p.order, p.code))


@dataclass(frozen=True)
class DataSubject:
    """A person who asked to be forgotten: their e-mail address and, if they have one, their account."""

    email: str
    user: Any = None


@dataclass(frozen=True)
class PersonDataHolder:
    code: str
    label: Any  # lazy translation: what the room holds, e.g. "aanmeldingen voor bijeenkomsten"
    count: Callable[[DataSubject], int]  # how many records hold this person's data
    anonymise: Callable[[DataSubject, Any], int]  # (subject, now) -> records changed
    order: int = 100
    # The programmes in which this room holds the person's data: staff of those programmes may
    # find and anonymise the person.
    programmes: Callable[[DataSubject], set[int]] = lambda subject: set()


_person_holders: dict[str, PersonDataHolder] = {}


def register_person_data(holder: PersonDataHolder) -> None:
    _person_holders[holder.code] = holder


def person_data_holders() -> list[PersonDataHolder]:
    return sorted(_person_holders.values(), key=lambda h: (h.order, h.code))


@dataclass(frozen=True)
class RetentionRule:
    code: str  # stable, e.g. "events.attendees"
    label: Any  # lazy translation: the data type
    period: Any  # lazy translation: how long it is kept, for the docs and the command's output
    apply: Callable[[Any, bool], int]  # (now, dry_run) -> records removed or anonymised
    order: int = 100


_retention_rules: dict[str, RetentionRule] = {}


def register_retention(rule: RetentionRule) -> None:
    _retention_rules[rule.code] = rule


def retention_rules() -> list[RetentionRule]:
    return sorted(_retention_rules.values(), key=lambda r: (r.order, r.code))
