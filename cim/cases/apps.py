from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cim.cases"
    label = "cases"
    verbose_name = _("Projecten, lessen en programmamateriaal")

    def ready(self) -> None:
        from cim.cases import audit_actions, dashboard, data_rights, nav  # noqa: F401
        from cim.core import registry

        registry.register_demo("cim.cases.demo.seed", order=60)
