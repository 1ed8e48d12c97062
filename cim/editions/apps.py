from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "cim.editions"
    label = "editions"
    verbose_name = _("Edities en deelnames")

    def ready(self) -> None:
        from cim.core import registry
        from cim.editions import audit_actions, dashboard, data_rights, nav  # noqa: F401

        registry.register_demo("cim.editions.demo.seed", order=10)
