from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Circulair Inkopen Monitor – technisch beheer"

urlpatterns = [
    path("", include("cim.portal.urls")),
    path("account/", include("cim.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("", include("cim.editions.urls")),
    path("", include("cim.questionnaires.urls")),
    path("", include("cim.scan.urls")),
    path("", include("cim.events.urls")),
    path("", include("cim.cases.urls")),
    path("beheer/organisaties/", include("cim.organisations.urls")),
    path("beheer/audit/", include("cim.audit.urls")),
    path("", include("cim.servicedesk.urls")),
    path("", include("cim.privacy.urls")),
    path("", include("cim.scoring.urls")),
    path("", include("cim.reports.urls")),
    path("", include("cim.topten.urls")),
    path("api/", include("cim.api.urls")),
    path("", include("cim.statistics.urls")),
    path("django-admin/", admin.site.urls),
]
