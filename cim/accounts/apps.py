from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cim.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from cim.accounts import data_rights  # noqa: F401
        from cim.accounts.models import User
        from cim.accounts.signals import ensure_primary_email

        post_save.connect(ensure_primary_email, sender=User, dispatch_uid="cim.accounts.ensure_primary_email")
