from cim.testing.factories import organisation
from cim.testing.matrix import ANY_SERVICE_DESK, Case

CASES = [
    Case("organisations:list", ANY_SERVICE_DESK),
    Case("organisations:detail", ANY_SERVICE_DESK, kwargs=lambda w: {"pk": organisation("GM0202").pk}),
]
