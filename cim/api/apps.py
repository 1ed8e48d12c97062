from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "cim.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from cim.api import data_rights, schema  # noqa: F401 - register the data rights holder and the token scheme
        from cim.audit import actions

        actions.register(
            {
                "api.token_created": _("API-sleutel gemaakt"),
                "api.token_revoked": _("API-sleutel ingetrokken"),
            }
        )
