"""When a scan may be changed, and by whom. Plain Python."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import ScanStatus


def edit_block_reason(
    *,
    edition_status: str,
    participation_active: bool,
    takes_monitor: bool,
    scan_status: str,
    opens_at: dt.datetime,
    deadline: dt.datetime,
    now: dt.datetime,
) -> str | None:
    """Why the scan is read-only now, or None when answers may be changed."""
    if not participation_active:
        return _("Deze deelname is teruggetrokken; de scan kan niet meer worden gewijzigd.")
    if not takes_monitor:
        return _("Uw organisatie doet in deze editie niet mee aan de monitor.")
    if edition_status == EditionStatus.DRAFT:
        return _("De scan van deze editie is nog niet open.")
    if edition_status != EditionStatus.OPEN:
        return _("Deze editie is gesloten; de scan kan niet meer worden gewijzigd.")
    if now < opens_at:
        return _("De scan van deze editie opent op %(date)s.") % {
            "date": formats.date_format(timezone.localtime(opens_at), "j F Y H:i")
        }
    if scan_status == ScanStatus.SUBMITTED:
        return _(
            "De scan is ingediend en kan niet meer worden gewijzigd. Moet er toch iets anders? Vraag de servicedesk om de scan te heropenen."
        )
    if now > deadline:
        return _(
            "De inleverdatum (%(date)s) is voorbij; de scan kan niet meer worden gewijzigd. De servicedesk kan de termijn verlengen."
        ) % {"date": formats.date_format(timezone.localtime(deadline), "j F Y H:i")}
    return None


def may_edit_section(*, role: str | None, sections: tuple[str, ...] | list[str], section_key: str) -> bool:
    """The penvoerder edits everything; a colleague only the sections assigned (none: all)."""
    if role is None:
        return False
    if role == "penvoerder":
        return True
    return not sections or section_key in sections
