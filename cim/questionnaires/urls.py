from django.urls import path

from cim.questionnaires import views

app_name = "questionnaires"

urlpatterns = [
    path("beheer/edities/<int:pk>/vragenlijst/", views.definition_page, name="staff_definition"),
    path("beheer/edities/<int:pk>/vragenlijst/voorbeeld/", views.preview, name="staff_preview"),
    path("beheer/edities/<int:pk>/vragenlijst/bron/", views.source, name="staff_source"),
]
