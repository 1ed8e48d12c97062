from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.registry import NavItem, register_nav

register_nav(
    NavItem(
        "privacy",
        _("Persoonsgegevens"),
        "privacy:persons",
        lambda r: r.user.is_authenticated and bool(actor_of(r).programmes_with(Perm.MANAGE_PROGRAMME)),
        order=90,
    )
)
