from django.utils.translation import gettext_lazy as _

from cim.core.registry import NavItem, register_nav

register_nav(NavItem("statistics", _("Statistieken"), "statistics:index", lambda request: True, order=50))
