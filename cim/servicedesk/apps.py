from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "cim.servicedesk"
    label = "servicedesk"
    verbose_name = _("Servicedesk")

    def ready(self) -> None:
        from cim.core import registry
        from cim.servicedesk import (  # noqa: F401
            audit_actions,
            calendar_provider,
            dashboard,
            data_rights,
            nav,
            question_notes,
            reminder_kinds,
        )

        registry.register_demo("cim.servicedesk.demo.seed", order=80)
