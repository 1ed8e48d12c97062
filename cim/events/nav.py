from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.registry import NavItem, register_nav


def _is_staff(request) -> bool:  # type: ignore[no-untyped-def]
    return request.user.is_authenticated and bool(actor_of(request).programmes_with(Perm.MANAGE_PROGRAMME))


register_nav(NavItem("events_staff", _("Bijeenkomsten"), "events:staff_index", _is_staff, order=20))
register_nav(NavItem("events_programme", _("Masterclasses"), "events:programme", lambda r: not _is_staff(r), order=60))
