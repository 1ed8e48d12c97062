from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "cim.scan"
    label = "scan"
    verbose_name = _("Scan")

    def ready(self) -> None:
        from cim.audit import actions
        from cim.core import registry
        from cim.scan import dashboard, data_rights  # noqa: F401

        actions.register(
            {
                "scan.submitted": _("Scan ingediend"),
                "scan.reopened": _("Scan heropend"),
                "scan.deadline_extended": _("Inleverdatum verlengd"),
                "scan.reminder_sent": _("Herinnering voor de scan verstuurd"),
                "scan.progress_exported": _("Voortgang van de scan geëxporteerd"),
            }
        )
        registry.register_demo("cim.scan.demo.seed", order=30)
