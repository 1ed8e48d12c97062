from django.urls import path

from cim.reports import views

app_name = "reports"

urlpatterns = [
    path("terugkoppeling/<int:pk>/", views.report, name="report"),
    path("terugkoppeling/<int:pk>/pdf/", views.pdf_make, name="pdf_make"),
    path("terugkoppeling/<int:pk>/pdf/status/", views.pdf_status, name="pdf_status"),
    path("terugkoppeling/<int:pk>/pdf/download/", views.pdf_download, name="pdf_download"),
    path("beheer/edities/<int:pk>/scores/", views.staff_scores, name="staff_scores"),
    path("beheer/edities/<int:pk>/scores/export/", views.staff_scores_export, name="staff_scores_export"),
]
