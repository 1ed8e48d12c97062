from django.urls import path

from cim.privacy import views

app_name = "privacy"

urlpatterns = [
    path("deelname/<int:pk>/gegevens/", views.export_page, name="export"),
    path("deelname/<int:pk>/gegevens/download/", views.export_download, name="export_download"),
    path("beheer/personen/", views.persons, name="persons"),
    path("beheer/personen/anonimiseren/", views.anonymise, name="anonymise"),
]
