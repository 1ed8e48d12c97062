"""Conversations between a participating organisation and the service desk."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cim.servicedesk.conversation import MAX_BODY, MAX_SUBJECT, ThreadStatus


class Thread(models.Model):
    """One conversation, always about one participation (organisation × edition)."""

    Status = ThreadStatus

    participation = models.ForeignKey(
        "editions.Participation", on_delete=models.PROTECT, related_name="servicedesk_threads"
    )
    subject = models.CharField(_("onderwerp"), max_length=MAX_SUBJECT)
    question_key = models.CharField(_("vraag in de scan"), max_length=100, blank=True, db_index=True)
    origin_path = models.CharField(_("gesteld vanaf"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=ThreadStatus.choices, default=ThreadStatus.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen aan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("laatste activiteit"), auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    client_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [models.Index(fields=["status", "last_activity_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_closed(self) -> bool:
        return self.status == ThreadStatus.CLOSED

    @property
    def member_status_label(self) -> str:
        return str(ThreadStatus(self.status).member_label)


class Message(models.Model):
    """A message in a thread. Internal notes are written by staff and never shown to the
    organisation (a database constraint keeps members from writing one)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("naam afzender"), max_length=150)
    from_staff = models.BooleanField(_("van de servicedesk"), default=False)
    is_internal = models.BooleanField(_("interne notitie"), default=False)
    body = models.TextField(_("bericht"), max_length=MAX_BODY)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    client_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_internal=False) | models.Q(from_staff=True),
                name="internal_notes_only_from_staff",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"


class Attachment(models.Model):
    """A document attached to a message; stored under a random name in the private storage."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=200, upload_to="servicedesk/")
    filename = models.CharField(_("bestandsnaam"), max_length=150)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.filename
