"""Reads for the statistics pages.

`programme_microdata` gathers the confidential figures of every submitted (and scored) scan of a
programme's editions as plain `cim.disclosure.tables.Microdata`. It is not scoped to a user: its
output goes ONLY into `cim.disclosure.release.protect_release` (and, for programme staff, into
the staff pages). Pages for the public and funders read the ledger (`published_tables`), which
holds nothing but released values and suppression markers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cim.disclosure import selectors as ledger
from cim.disclosure.models import PublishedCell, PublishedTable
from cim.disclosure.release import editions_of
from cim.disclosure.results import PublicCell, PublicTable, ordered
from cim.disclosure.tables import Microdata, TableSpec, build_cells
from cim.editions.models import Edition, Participation, ScanStatus
from cim.organisations.models import Organisation
from cim.organisations.size_classes import SIZE_CLASSES
from cim.questionnaires import model as qm
from cim.questionnaires.selectors import edition_definition
from cim.scan.selectors import submitted_answer_values
from cim.scoring.selectors import scores_for_edition
from cim.statistics import catalogue as cat


def _answer_option(question: qm.Question, value: Any) -> str | None:
    """A submitted answer as the option a frequency table counts (choice, scale, yes/no)."""
    if value is None:
        return None
    if question.type == qm.YES_NO:
        return "true" if value else "false"
    return str(value)


def key_questions(definition: qm.Definition | None) -> list[cat.KeyQuestion]:
    if definition is None:
        return []
    found = []
    for key in cat.KEY_QUESTIONS:
        question = definition.question(key)
        if question is None or question.spec is None or question.type not in (qm.YES_NO, qm.CHOICE, qm.SCALE):
            continue
        if question.type == qm.YES_NO:
            options: tuple[str, ...] = ("true", "false")
        elif question.spec.options:
            options = tuple(o.value for o in question.spec.options)
        elif question.spec.levels:
            options = tuple(str(level.level) for level in question.spec.levels)
        else:
            continue
        found.append(cat.KeyQuestion(key, options))
    return found


def categories_of(definition: qm.Definition | None) -> list[str]:
    if definition is None:
        return []
    return [term.key for term in definition.vocabularies.get("category", ())]


@dataclass
class EditionData:
    """What one edition contributes to the microdata, plus what its catalogue needs."""

    edition: Edition
    members: int = 0
    kinds: set[str] = field(default_factory=set)
    themes: list[str] = field(default_factory=list)


def add_edition(data: Microdata, edition: Edition) -> EditionData:
    """Add the scored, submitted scans of one edition to `data`. Four queries."""
    info = EditionData(edition)
    definition = edition_definition(edition.pk)
    records = scores_for_edition(edition)
    if not records:
        return info
    groups = {
        pk: (org, province or "", size_class or "", kind or "")
        for pk, org, province, size_class, kind in Participation.objects.filter(pk__in=list(records)).values_list(
            "pk", "organisation_id", "province__cbs_code", "size_class", "organisation__kind"
        )
    }
    answers = submitted_answer_values(edition) if definition is not None else {}
    questions = key_questions(definition)
    themes: set[str] = set()
    for participation_id, record in records.items():
        if participation_id not in groups:
            continue
        organisation_id, province, size_class, kind = groups[participation_id]
        values: dict[str, Decimal] = {}
        for category, spend in record.categories.items():
            if spend.total is not None:
                values[cat.total_measure(category)] = spend.total
            if spend.circular is not None:
                values[cat.circular_measure(category)] = spend.circular
        chosen: dict[str, str] = {}
        for level in cat.LEVELS:
            score = getattr(record, level)
            if score is not None:
                chosen[cat.band_question(level)] = cat.band_of(score)
        for theme, score in record.themes.items():
            chosen[cat.band_question(theme)] = cat.band_of(score)
            themes.add(theme)
        own = answers.get(participation_id, {})
        for question in questions:
            q = definition.question(question.key) if definition is not None else None
            option = _answer_option(q, own.get(question.key)) if q is not None else None
            if option is not None:
                chosen[question.key] = option
        data.add(
            edition.pk,
            organisation_id,
            groups={"province": province, "size_class": size_class, "kind": kind},
            values=values,
            answers=chosen,
        )
        info.members += 1
        info.kinds.add(kind or "?")
    order = [t.key for t in definition.vocabularies.get("theme", ())] if definition else []
    order += [t.key for t in definition.vocabularies.get("aspect", ())] if definition else []
    info.themes = [t for t in order if t in themes] + sorted(themes - set(order))
    return info


def programme_editions(programme_id: int) -> list[Edition]:
    return list(Edition.objects.filter(programme_id=programme_id).select_related("programme").order_by("year"))


def previous_edition(edition: Edition) -> Edition | None:
    return Edition.objects.filter(programme_id=edition.programme_id, year__lt=edition.year).order_by("-year").first()


@dataclass
class ReleaseInput:
    """Everything a release of one edition needs: the microdata (this edition, the one before for
    growth, and every edition the ledger's tables cover), the catalogue and the ledger itself."""

    edition: Edition
    data: Microdata
    specs: list[TableSpec]
    ledger: list[Any]
    token: str
    members: int
    previous: Edition | None


def release_input(edition: Edition) -> ReleaseInput:
    ledger_tables = ledger.ledger_tables(programme_id=edition.programme_id)
    token = ledger.ledger_token(programme_id=edition.programme_id)
    previous = previous_edition(edition)
    this_release = {edition.pk} | ({previous.pk} if previous is not None else set())
    # Only the earlier tables over these editions take part in the audit (disclosure.release).
    needed = set(this_release)
    for table in ledger_tables:
        if editions_of(table.spec) & this_release:
            needed |= editions_of(table.spec)
    data = Microdata()
    infos: dict[int, EditionData] = {}
    for other in programme_editions(edition.programme_id):
        if other.pk in needed:
            infos[other.pk] = add_edition(data, other)
    if previous is not None and not infos.get(previous.pk, EditionData(previous)).members:
        previous = None  # no submitted scans then: no growth
    info = infos[edition.pk]
    definition = edition_definition(edition.pk)
    specs = (
        cat.edition_specs(
            edition.pk,
            categories=categories_of(definition),
            kinds=info.kinds,
            themes=info.themes,
            questions=key_questions(definition),
            previous=previous.pk if previous is not None else None,
        )
        if info.members
        else []
    )
    return ReleaseInput(edition, data, specs, ledger_tables, token, info.members, previous)


# --- The ledger: what was published ----------------------------------------------------------


def published_editions(programme_ids: Iterable[int] | None = None) -> list[Edition]:
    """Editions with published statistics, newest first."""
    editions = Edition.objects.filter(published_tables__isnull=False)
    if programme_ids is not None:
        editions = editions.filter(programme_id__in=list(programme_ids))
    return list(
        editions.annotate(published_at=Max("published_tables__released_at"))
        .select_related("programme")
        .order_by("-year", "programme__name")
        .distinct()
    )


def is_published(edition: Edition) -> bool:
    return PublishedTable.objects.filter(edition=edition).exists()


@dataclass(frozen=True)
class PublishedRelease:
    """The latest release of every table of an edition, as the public may see it."""

    edition: Edition
    tables: dict[str, PublicTable]
    specs: dict[str, TableSpec]
    released_at: Any


def published_release(edition: Edition) -> PublishedRelease | None:
    """Two queries, whatever the number of tables."""
    rows = list(PublishedTable.objects.filter(edition=edition).order_by("key", "version"))
    if not rows:
        return None
    latest: dict[str, PublishedTable] = {}
    for row in rows:
        latest[row.key] = row
    cells: dict[int, list[PublicCell]] = {row.pk: [] for row in latest.values()}
    for table_id, row_code, column, value in PublishedCell.objects.filter(table_id__in=list(cells)).values_list(
        "table_id", "row", "column", "value"
    ):
        cells[table_id].append(PublicCell(row_code, column, value))
    tables = {
        key: PublicTable(
            key=key,
            edition=edition.pk,
            kind=row.kind,
            rows=ordered({c.row for c in cells[row.pk]}),
            columns=ordered({c.column for c in cells[row.pk]}),
            cells=tuple(cells[row.pk]),
        )
        for key, row in latest.items()
    }
    return PublishedRelease(
        edition=edition,
        tables=tables,
        specs={key: TableSpec.from_json(row.spec) for key, row in latest.items()},
        released_at=max(row.released_at for row in latest.values()),
    )


def staff_true_values(edition: Edition, release: PublishedRelease) -> dict[str, dict[tuple[str, str], Decimal]]:
    """For programme staff only (the caller checked READ_CONFIDENTIAL): the true value of every
    cell of the published tables, recomputed by cim.disclosure from today's microdata."""
    found = release_input(edition)
    return {
        key: {(c.row, c.column): c.value for c in build_cells(spec, found.data)} for key, spec in release.specs.items()
    }


# --- Labels ----------------------------------------------------------------------------------


def province_names(codes: Iterable[str]) -> dict[str, str]:
    wanted = [c for c in codes if c and c not in ("*", "?")]
    return {
        code: name
        for code, name in Organisation.objects.filter(cbs_code__in=wanted).values_list("cbs_code", "name")
        if code
    }


def size_class_names() -> dict[str, str]:
    return {c.code: str(c.label) for c in SIZE_CLASSES}


@dataclass(frozen=True)
class Readiness:
    """Whether an edition's statistics may enter the ledger now. `blockers` say why not (yet);
    `reopened` names organisations whose scan is reopened for a correction (a warning: their
    figures may still change and a correction means a new version)."""

    blockers: list[str]
    reopened: list[str]

    @property
    def ready(self) -> bool:
        return not self.blockers


def publish_readiness(edition: Edition, now: dt.datetime | None = None) -> Readiness:
    """Publishing while scans can still come in ruins the year's figures: every cell published
    early stays suppressed in later versions. So the ledger opens for an edition only after its
    deadline, and only when every submitted scan is scored."""
    now = now or timezone.now()
    blockers = []
    if now < edition.submission_deadline:
        blockers.append(
            _(
                "De inleverdatum (%(date)s) is nog niet voorbij: er kunnen nog scans binnenkomen. U kunt het voorbeeld bekijken; publiceren kan na de inleverdatum."
            )
            % {"date": formats.date_format(timezone.localtime(edition.submission_deadline), "j F Y H:i")}
        )
    active = Participation.objects.filter(edition=edition, status=Participation.Status.ACTIVE, takes_monitor=True)
    unscored = active.filter(scan_status=ScanStatus.SUBMITTED, score__isnull=True).count()
    if unscored:
        blockers.append(
            ngettext(
                "%(n)d ingediende scan is nog niet gescoord; publiceren kan als elke ingediende scan een score heeft.",
                "%(n)d ingediende scans zijn nog niet gescoord; publiceren kan als elke ingediende scan een score heeft.",
                unscored,
            )
            % {"n": unscored}
        )
    reopened = list(
        active.filter(scan_status=ScanStatus.REOPENED)
        .order_by("organisation__name")
        .values_list("organisation__name", flat=True)
    )
    return Readiness(blockers=blockers, reopened=reopened)
