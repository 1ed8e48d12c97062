from django.urls import path

from cim.topten import views

app_name = "topten"

urlpatterns = [
    # Public: every published Top 10, and one edition's (404 before publication)
    path("top-10/", views.index, name="index"),
    # The penvoerder's consent to be named, per participation (edition)
    path("top-10/toestemming/<int:pk>/", views.consent, name="consent"),
    path("top-10/<slug:programme>/<int:year>/", views.detail, name="detail"),
    # Service desk: review (embargoed) and publish
    path("beheer/top-10/", views.manage, name="manage"),
    path("beheer/top-10/<int:pk>/", views.review, name="review"),
    path("beheer/top-10/<int:pk>/bekendmaken/", views.publish, name="publish"),
]
