from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.registry import NavItem, register_nav


def _manage_visible(request: HttpRequest) -> bool:
    return request.user.is_authenticated and bool(actor_of(request).programmes_with(Perm.MANAGE_PROGRAMME))


register_nav(NavItem("topten.index", _("Top 10"), "topten:index", lambda request: True, order=46))
register_nav(NavItem("topten.manage", _("Top 10 beheren"), "topten:manage", _manage_visible, order=47))
