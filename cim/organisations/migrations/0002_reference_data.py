"""Load the shipped CBS list (342 municipalities, 12 provinces, 1 January 2023).

Newer lists are imported with `manage.py import_organisations`, which never deletes.
"""

from django.db import migrations


def load(apps, schema_editor):
    from cim.organisations.reference import DEFAULT_FILE, parse_municipalities

    Organisation = apps.get_model("organisations", "Organisation")
    if Organisation.objects.exists():
        return
    rows = parse_municipalities(DEFAULT_FILE.read_bytes())
    provinces = {}
    for row in rows:
        if row.province_code not in provinces:
            provinces[row.province_code] = Organisation.objects.create(
                kind="provincie", cbs_code=row.province_code, name=row.province_name
            )
    Organisation.objects.bulk_create(
        Organisation(kind="gemeente", cbs_code=row.code, name=row.name, province=provinces[row.province_code])
        for row in rows
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
