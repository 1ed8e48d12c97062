from __future__ import annotations

from django.db.models import Q, QuerySet

from cim.organisations.models import Organisation


def organisation_list(
    *, query: str = "", kind: str = "", province_id: int | None = None, active: str = ""
) -> QuerySet[Organisation]:
    """Reference data: not confidential, visible to programme staff."""
    qs = Organisation.objects.select_related("province")
    if query:
        qs = qs.filter(Q(name__icontains=query[:100]) | Q(cbs_code__iexact=query[:10]))
    if kind:
        qs = qs.filter(kind=kind)
    if province_id:
        qs = qs.filter(Q(province_id=province_id) | Q(pk=province_id))
    if active == "1":
        qs = qs.filter(is_active=True)
    elif active == "0":
        qs = qs.filter(is_active=False)
    return qs


def provinces() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.PROVINCE)
