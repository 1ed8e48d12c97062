from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "cim.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self) -> None:
        from cim.audit import actions

        actions.register({"organisations.imported": _("Organisatielijst geïmporteerd")})
        from cim.organisations import nav  # noqa: F401
