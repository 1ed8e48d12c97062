"""The shared tag vocabulary in the database."""

from __future__ import annotations

from cim.cases.models import Tag
from cim.cases.vocabulary import sync_tags


def tags_ensure() -> int:
    """Load the tags when there are none (the migration does this for a new database; transactional
    tests need it again after each flush). Returns how many were made."""
    if Tag.objects.exists():
        return 0
    return sync_tags(Tag)
