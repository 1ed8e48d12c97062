from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "cim.statistics"
    label = "statistics"
    verbose_name = _("Statistieken")

    def ready(self) -> None:
        from cim.core import registry
        from cim.statistics import audit_actions, dashboard, nav  # noqa: F401

        registry.register_demo("cim.statistics.demo.seed", order=90)
