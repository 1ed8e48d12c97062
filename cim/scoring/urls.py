from django.urls import path

from cim.scoring import views

app_name = "scoring"

urlpatterns = [
    path("methode/", views.method, name="method"),
    path("methode/<int:pk>/", views.method_edition, name="method_edition"),
]
