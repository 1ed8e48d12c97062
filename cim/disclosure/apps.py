from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "cim.disclosure"
    label = "disclosure"
    verbose_name = _("Onthullingscontrole")

    def ready(self) -> None:
        from cim.disclosure import audit_actions  # noqa: F401
