"""Django admin for the technical administrator only (is_staff): people and their passwords.
Programme roles are granted in the editions admin (programme staff, funders)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from cim.accounts.models import User


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("name", "language")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Datums"), {"fields": ("last_login", "date_joined", "anonymised_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined", "anonymised_at")
    list_display = ("email", "name", "language", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "language")
    search_fields = ("email", "name")
    ordering = ("email",)
    filter_horizontal = ()
