from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.registry import NavItem, register_nav


def _member(request: HttpRequest) -> bool:
    if not request.user.is_authenticated:
        return False
    actor = actor_of(request)
    return any(m.role in ("penvoerder", "contributor") for m in actor.memberships.values())


def _staff(request: HttpRequest) -> bool:
    return request.user.is_authenticated and bool(actor_of(request).programmes_with(Perm.MANAGE_PROGRAMME))


register_nav(NavItem("servicedesk", _("Servicedesk"), "servicedesk:home", _member, order=50))
register_nav(NavItem("servicedesk_staff", _("Servicedesk"), "servicedesk:staff_queue", _staff, order=20))
