"""Create the database cache table (settings.CACHES uses Django's DatabaseCache).

Rate limits (login codes, applications) and allauth's login throttling live in this cache, so a
fresh database must have it: `migrate` creates it, nobody has to remember `createcachetable`.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
