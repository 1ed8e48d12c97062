"""Fill the tag table from cim/cases/vocabulary.py. Idempotent: when the vocabulary grows, add a
migration that runs `sync_tags` again (keys never change; names may)."""

from django.db import migrations


def sync_tags(apps, schema_editor):
    from cim.cases.vocabulary import TAGS

    Tag = apps.get_model("cases", "Tag")
    for order, spec in enumerate(TAGS):
        Tag.objects.update_or_create(
            key=spec.key,
            defaults={"kind": spec.kind, "name": spec.name, "name_en": spec.name_en, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(sync_tags, migrations.RunPython.noop)]
