from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "cim.questionnaires"
    label = "questionnaires"
    verbose_name = _("Vragenlijsten")

    def ready(self) -> None:
        from cim.audit import actions
        from cim.questionnaires import signals  # noqa: F401

        actions.register(
            {
                "questionnaire.uploaded": _("Nieuwe vragenlijst geüpload"),
                "questionnaire.rejected": _("Vragenlijst afgekeurd bij uploaden"),
            }
        )
