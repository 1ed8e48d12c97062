from django.utils.translation import gettext_lazy as _

from cim.core.registry import NavItem, register_nav

register_nav(NavItem("dashboard", _("Dashboard"), "portal:dashboard", lambda r: r.user.is_authenticated, order=0))
