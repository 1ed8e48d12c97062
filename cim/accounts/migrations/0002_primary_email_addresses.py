"""Give every existing user a primary allauth EmailAddress (new users get one on creation)."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.exclude(email=""):
        if EmailAddress.objects.filter(user=user, primary=True).exists():
            continue
        address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        if address is None:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
        else:
            address.primary = True
            address.save(update_fields=["primary"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("account", "0009_emailaddress_unique_primary_email")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
