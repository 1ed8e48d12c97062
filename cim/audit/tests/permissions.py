from cim.testing.matrix import ANY_SERVICE_DESK, Case

CASES = [Case("audit:log", ANY_SERVICE_DESK)]
