from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginCode(models.Model):
    """A one-time code the service desk sends to a penvoerder. Only its hash is stored."""

    class State(models.TextChoices):
        VALID = "valid", _("geldig")
        REDEEMED = "redeemed", _("gebruikt")
        EXPIRED = "expired", _("verlopen")
        REVOKED = "revoked", _("ingetrokken")

    participation = models.ForeignKey("editions.Participation", on_delete=models.CASCADE, related_name="login_codes")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("verloopt op"))
    sent_to = models.EmailField(_("verstuurd naar"), blank=True)
    redeemed_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("inlogcode")
        verbose_name_plural = _("inlogcodes")

    def __str__(self) -> str:
        return f"{self.participation} ({self.get_state_display()})"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return self.State.REVOKED
        if self.redeemed_at:
            return self.State.REDEEMED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.VALID

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)
