"""Django's JSON serializer, but with times to the microsecond.

The standard encoder cuts datetimes to milliseconds (ECMA-262), so a dumpdata/loaddata round trip
would silently change every timestamp. Backups use this format instead ("cim-json")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers import json as json_serializer
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json_serializer.Serializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()  # type: ignore[misc]  # a private hook of the JSON serializer


Deserializer = json_serializer.Deserializer
