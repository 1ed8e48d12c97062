from cim.testing.matrix import LOGGED_IN, NOT_ALLOWED, OK, PUBLIC, Case, expect

CASES = [
    Case("portal:home", PUBLIC),
    Case("portal:confidentiality", PUBLIC),
    Case("portal:dashboard", LOGGED_IN),
    Case("portal:healthz", PUBLIC),
    Case("portal:set_language", PUBLIC, method="post", data=lambda w: {"language": "en", "next": "/"}),
    Case("portal:set_language", expect(NOT_ALLOWED), label="GET"),
    Case("portal:keepalive", expect(OK, anonymous="401"), method="post"),
]
