"""Fill the tag table from cim/cases/vocabulary.py. Idempotent: when the vocabulary grows, add a
migration that runs `sync_tags` again (keys never change; names may)."""

from django.db import migrations


def sync_tags(apps, schema_editor):
    from cim.cases.vocabulary import sync_tags as sync

    sync(apps.get_model("cases", "Tag"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(sync_tags, migrations.RunPython.noop)]
