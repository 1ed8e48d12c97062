"""The project's URLs plus a bare view for the request floor (same middleware stack)."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):  # type: ignore[no-untyped-def]
    return HttpResponse(status=204)


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
