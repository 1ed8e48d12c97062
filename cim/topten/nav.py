from django.utils.translation import gettext_lazy as _

from cim.core.registry import NavItem, register_nav

register_nav(NavItem("topten.index", _("Top 10"), "topten:index", lambda request: True, order=46))
