from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "cim.privacy"
    label = "privacy"
    verbose_name = _("Gegevens en privacy")

    def ready(self) -> None:
        from cim.audit import actions
        from cim.privacy import nav, retention  # noqa: F401

        actions.register(
            {
                "privacy.data_exported": _("Alle gegevens van een organisatie gedownload"),
                "privacy.person_anonymised": _("Persoon geanonimiseerd op verzoek"),
                "privacy.retention_applied": _("Bewaartermijnen toegepast"),
            }
        )
