from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "cim.events"
    label = "events"
    verbose_name = _("Masterclasses en slotbijeenkomst")

    def ready(self) -> None:
        from cim.core import registry
        from cim.events import (  # noqa: F401
            audit_actions,
            calendar_provider,
            dashboard,
            data_rights,
            nav,
            overview,
            reminder_kinds,
        )

        registry.register_demo("cim.events.demo.seed", order=40)
