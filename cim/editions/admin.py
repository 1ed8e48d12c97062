"""Django admin for the technical administrator: programmes and who holds a programme role.
Everything else (editions, participations, codes) is done on the service desk's own pages."""

from django.contrib import admin

from cim.editions.models import FunderAccess, Programme, ProgrammeStaff


class ProgrammeStaffInline(admin.TabularInline):
    model = ProgrammeStaff
    extra = 0
    autocomplete_fields = ("user",)


class FunderAccessInline(admin.TabularInline):
    model = FunderAccess
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "contact_email")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ProgrammeStaffInline, FunderAccessInline)


@admin.register(ProgrammeStaff)
class ProgrammeStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "programme", "role", "is_active")
    list_filter = ("programme", "role", "is_active")
    search_fields = ("user__email", "user__name")
    autocomplete_fields = ("user",)


@admin.register(FunderAccess)
class FunderAccessAdmin(admin.ModelAdmin):
    list_display = ("user", "programme", "province", "is_active")
    list_filter = ("programme", "is_active")
    search_fields = ("user__email", "user__name")
    autocomplete_fields = ("user",)
