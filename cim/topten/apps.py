from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopTenConfig(AppConfig):
    name = "cim.topten"
    label = "topten"
    verbose_name = _("Top 10")

    def ready(self) -> None:
        from cim.core import registry
        from cim.topten import audit_actions, dashboard, data_rights, nav  # noqa: F401

        registry.register_demo("cim.topten.demo.seed", order=70)
