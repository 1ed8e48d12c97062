from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "cim.scoring"
    label = "scoring"
    verbose_name = _("Scores")

    def ready(self) -> None:
        from cim.audit import actions
        from cim.core import registry
        from cim.questionnaires.hooks import register_definition_validator
        from cim.scoring import signals  # noqa: F401
        from cim.scoring.validation import check_scoring

        register_definition_validator(check_scoring)
        actions.register({"scoring.edition_rescored": _("Scores van een editie opnieuw berekend")})
        registry.register_demo("cim.scoring.demo.seed", order=35)
