from zoneinfo import ZoneInfo

from django.db import migrations, models


def classify(apps, schema_editor):
    """Moments after the edition's deadline are the results moments; earlier ones report progress."""
    FeedbackMoment = apps.get_model("editions", "FeedbackMoment")
    ams = ZoneInfo("Europe/Amsterdam")
    for moment in FeedbackMoment.objects.select_related("edition"):
        if moment.date > moment.edition.submission_deadline.astimezone(ams).date():
            FeedbackMoment.objects.filter(pk=moment.pk).update(kind="results")


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0002_participation_scan_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedbackmoment",
            name="kind",
            field=models.CharField(
                choices=[("progress", "tussentijds (voortgang)"), ("results", "resultaten")],
                default="progress",
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.RunPython(classify, migrations.RunPython.noop),
    ]
