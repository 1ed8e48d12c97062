from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "cim.portal"
    label = "portal"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from cim.portal import nav  # noqa: F401
