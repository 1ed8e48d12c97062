from cim.testing.matrix import LOGGED_IN, Case

CASES = [
    Case("accounts:profile", LOGGED_IN),
    Case(
        "accounts:profile",
        LOGGED_IN,
        method="post",
        data=lambda w: {"name": "Nieuwe Naam", "language": "nl"},
    ),
]
