"""The audit log in the Django admin: read-only, like everywhere else in the application."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cim.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "action", "organisation", "object_repr")
    list_filter = ("action",)
    search_fields = ("actor_label", "object_repr")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
