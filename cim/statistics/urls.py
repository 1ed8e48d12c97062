from django.urls import path

from cim.statistics import views

app_name = "statistics"

urlpatterns = [
    path("statistieken/", views.index, name="index"),
    path("statistieken/<int:pk>/", views.edition_page, name="edition"),
    path("statistieken/<int:pk>/provincie/", views.funder_dashboard, name="funder"),
    path("statistieken/<int:pk>/download/<slug:key>.<str:fmt>", views.download, name="download"),
    path("beheer/statistieken/<int:pk>/", views.staff_preview, name="preview"),
    path("beheer/statistieken/<int:pk>/publiceren/", views.staff_publish, name="publish"),
    path("beheer/statistieken/<int:pk>/waarden/", views.staff_values, name="values"),
]
