from cim.testing.matrix import NOT_FOUND, PUBLIC, Case, expect

CASES = [
    Case("scoring:method", PUBLIC),
    Case("scoring:method_edition", PUBLIC, kwargs=lambda w: {"pk": w.edition.pk}),
    Case("scoring:method_edition", expect(NOT_FOUND), kwargs=lambda w: {"pk": 999_999}, label="unknown"),
]
