from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.registry import NavItem, register_nav

register_nav(
    NavItem(
        "audit",
        _("Auditlog"),
        "audit:log",
        lambda r: r.user.is_authenticated and bool(actor_of(r).programmes_with(Perm.READ_AUDIT)),
        order=90,
    )
)
