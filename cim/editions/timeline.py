"""An edition's timeline and what each step of its life needs, given the clock. Plain Python.

The timeline is: opening (`opens_at`), the submission deadline, feedback moments ("progress"
ones while the scan is open, "results" ones after the deadline) and the closing meeting. A step
that goes against the timeline is either refused or allowed only with a reason (an override
that is audited); `check_step` decides which, with the message staff read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cim.editions.lifecycle import EditionStatus, InvalidTransition, check_transition

PROGRESS = "progress"
RESULTS = "results"


@dataclass(frozen=True)
class Moment:
    date: dt.date
    kind: str  # PROGRESS or RESULTS
    label: str = ""


@dataclass(frozen=True)
class Dates:
    opens_at: dt.datetime
    deadline: dt.datetime
    closing_meeting: dt.date | None = None
    moments: Sequence[Moment] = ()
    extensions_until: dt.datetime | None = None  # the latest extension of a scan still being filled in

    def results_moments(self) -> list[Moment]:
        return sorted((m for m in self.moments if m.kind == RESULTS), key=lambda m: m.date)


@dataclass(frozen=True)
class StepCheck:
    """`refusal`: the step cannot be taken (say why). `needs_reason`: it can, but only as an
    override with a reason; the text says what the timeline planned."""

    refusal: str = ""
    needs_reason: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refusal


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def _moment(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def date_problems(dates: Dates) -> list[str]:
    """What is out of order in a timeline (empty when it is sound)."""
    problems = []
    opens, deadline = local_date(dates.opens_at), local_date(dates.deadline)
    if dates.deadline <= dates.opens_at:
        problems.append(_("De inleverdatum moet na de openingsdatum liggen."))
    if dates.closing_meeting and dates.closing_meeting < deadline:
        problems.append(_("De slotbijeenkomst moet op of na de inleverdatum liggen."))
    for moment in dates.moments:
        problems += moment_problems(moment, dates, opens=opens, deadline=deadline)
    return problems


def moment_problems(moment: Moment, dates: Dates, *, opens: dt.date, deadline: dt.date) -> list[str]:
    label = _day(moment.date)
    if moment.date < opens:
        return [
            _("Het terugkoppelmoment van %(date)s ligt vóór de opening van de editie (%(opens)s).")
            % {"date": label, "opens": _day(opens)}
        ]
    if moment.kind == PROGRESS and moment.date > deadline:
        return [
            _(
                "Het tussentijdse terugkoppelmoment van %(date)s ligt na de inleverdatum (%(deadline)s); kies 'resultaten' als soort of een eerdere datum."
            )
            % {"date": label, "deadline": _day(deadline)}
        ]
    if moment.kind == RESULTS and moment.date <= deadline:
        return [
            _("Het terugkoppelmoment voor de resultaten (%(date)s) moet na de inleverdatum (%(deadline)s) liggen.")
            % {"date": label, "deadline": _day(deadline)}
        ]
    return []


def check_step(current: str, target: str, dates: Dates, now: dt.datetime) -> StepCheck:
    """May the edition go from `current` to `target` now?"""
    if target == current:
        return StepCheck(
            refusal=_("De editie heeft die status al: %(status)s.") % {"status": EditionStatus(current).label}
        )
    try:
        check_transition(current, target)
    except InvalidTransition as exc:
        return StepCheck(refusal=str(exc))
    if current == EditionStatus.DRAFT and now < dates.opens_at:
        return StepCheck(
            needs_reason=_(
                "Volgens de planning opent de editie op %(date)s. Eerder openen kan alleen met een reden; de openingsdatum wordt dan vandaag."
            )
            % {"date": _moment(dates.opens_at)}
        )
    if current == EditionStatus.OPEN and now < dates.deadline:
        return StepCheck(
            needs_reason=_(
                "De inleverdatum (%(date)s) is nog niet voorbij: deelnemers kunnen nog invullen. Sluiten vóór de inleverdatum kan alleen met een reden."
            )
            % {"date": _moment(dates.deadline)}
        )
    if current == EditionStatus.OPEN and dates.extensions_until and now < dates.extensions_until:
        return StepCheck(
            needs_reason=_(
                "Er lopen nog verlengingen tot %(date)s: die organisaties kunnen nog invullen. Sluiten kan nu alleen met een reden."
            )
            % {"date": _moment(dates.extensions_until)}
        )
    if current == EditionStatus.CLOSED and target == EditionStatus.OPEN:
        return StepCheck(
            needs_reason=_(
                "Heropenen maakt de scan weer invulbaar tot de inleverdatum; geef een reden, die komt in het auditlog."
            )
        )
    if target == EditionStatus.RESULTS_RELEASED:
        planned = dates.results_moments()
        if not planned:
            return StepCheck(
                refusal=_(
                    "Er is nog geen terugkoppelmoment voor de resultaten gepland. Voeg er eerst een toe (soort: resultaten)."
                )
            )
        if timezone.localtime(now).date() < planned[0].date:
            return StepCheck(
                needs_reason=_(
                    "De resultaten worden volgens de planning op %(date)s teruggekoppeld. Eerder vrijgeven kan alleen met een reden."
                )
                % {"date": _day(planned[0].date)}
            )
    return StepCheck()


def code_expiry(*, issued_at: dt.datetime, valid_days: int, opens_at: dt.datetime) -> dt.datetime:
    """A login code issued before the edition opens stays valid until at least `valid_days`
    after the opening, so it still works when the penvoerder can start."""
    return max(issued_at, opens_at) + dt.timedelta(days=valid_days)


def effective_deadline(edition_deadline: dt.datetime, extended_to: dt.datetime | None) -> dt.datetime:
    """An extension never makes a participation's deadline earlier than the edition's."""
    return max(edition_deadline, extended_to) if extended_to else edition_deadline
