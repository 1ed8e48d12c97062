"""The project's URLs plus a stand-in for the scoring room's method page (URL name scoring:method)."""

from django.http import HttpResponse
from django.urls import include, path

scoring = ([path("methode/", lambda request: HttpResponse("methode"), name="method")], "scoring")

urlpatterns = [path("", include(scoring)), path("", include("config.urls"))]
