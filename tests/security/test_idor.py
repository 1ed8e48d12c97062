"""IDOR: every URL that names an object is checked, in the permission matrix, against a foreign
municipality or a foreign programme (unless the page is public, like a token link)."""

from __future__ import annotations

from cim.testing.matrix import OK
from cim.testing.world import ANONYMOUS, FOREIGN_PENVOERDER, FOREIGN_STAFF
from tests.security.walk import _patterns
from tests.test_permission_matrix import CASES


def test_every_object_url_is_tried_by_an_outsider() -> None:
    # Ours are namespaced ("scan:document"); allauth's names are not and name no objects of ours.
    object_urls = {name for name, pattern in _patterns() if ":" in name and getattr(pattern.pattern, "converters", {})}
    unchecked = []
    for name in sorted(object_urls):
        cases = [c for c in CASES if c.url_name == name]
        public = any(c.expected[ANONYMOUS] == OK for c in cases)
        refused = any(c.expected[FOREIGN_PENVOERDER] != OK or c.expected[FOREIGN_STAFF] != OK for c in cases)
        if not public and not refused:
            unchecked.append(name)
    assert len(object_urls) > 60
    assert not unchecked, unchecked
