from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cim.reports"
    label = "reports"
    verbose_name = _("Terugkoppeling")

    def ready(self) -> None:
        from cim.audit import actions
        from cim.questionnaires.hooks import register_definition_validator
        from cim.reports import dashboard, data_rights  # noqa: F401
        from cim.reports.recommendations import check_recommendations

        register_definition_validator(check_recommendations)
        actions.register(
            {
                "reports.pdf_requested": _("PDF van een rapport aangevraagd"),
                "reports.scores_viewed": _("Scores van een editie bekeken"),
                "reports.scores_exported": _("Scores van een editie geëxporteerd"),
            }
        )
