from django.urls import path

from cim.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("vertrouwelijkheid/", views.confidentiality, name="confidentiality"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("taal/", views.set_language, name="set_language"),
    path("sessie/verlengen/", views.keepalive, name="keepalive"),
]
