"""Response shapes (also the OpenAPI schema). Built from plain data; nothing here reads the
database."""

from __future__ import annotations

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="A message in Dutch (or English, see Accept-Language).")


class ProgrammeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class EditionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    programme = ProgrammeSerializer()


class EditionSerializer(EditionRefSerializer):
    table_count = serializers.IntegerField(help_text="Published tables of this edition.")
    tables_url = serializers.CharField()


class TableSummarySerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["magnitude", "frequency", "growth"])
    title = serializers.CharField()
    unit = serializers.CharField()
    version = serializers.IntegerField()
    released_at = serializers.DateTimeField()
    url = serializers.CharField()
    metadata_url = serializers.CharField()


class CellSerializer(serializers.Serializer):
    row = serializers.CharField(help_text='A group code of the classification, or "*" for the total.')
    column = serializers.CharField(help_text='A measure or answer option, or "*" for the sum over columns.')
    value = serializers.CharField(
        allow_null=True, help_text="The published value as a decimal string; null when the cell is suppressed."
    )
    suppressed = serializers.BooleanField()
    marker = serializers.CharField(allow_null=True, help_text='"x" when the cell is suppressed, else null.')


class DefinitionSerializer(serializers.Serializer):
    classification = serializers.CharField(help_text="The fixed classification of the rows.")
    columns = serializers.ListField(child=serializers.CharField())
    question = serializers.CharField(allow_blank=True)
    previous_edition = serializers.IntegerField(allow_null=True)


class MetadataSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["magnitude", "frequency", "growth"])
    title = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    edition = EditionRefSerializer()
    version = serializers.IntegerField()
    released_at = serializers.DateTimeField()
    definition = DefinitionSerializer()
    method = serializers.CharField()
    suppression_marker = serializers.CharField()


class TableSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["magnitude", "frequency", "growth"])
    title = serializers.CharField()
    unit = serializers.CharField()
    edition = serializers.IntegerField()
    version = serializers.IntegerField()
    released_at = serializers.DateTimeField()
    rows = serializers.ListField(child=serializers.CharField())
    columns = serializers.ListField(child=serializers.CharField())
    cells = CellSerializer(many=True)
    metadata_url = serializers.CharField()


# --- the penvoerder's own data -------------------------------------------------------------


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    cbs_code = serializers.CharField(allow_blank=True)


class ParticipationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    edition = EditionRefSerializer()
    organisation = OrganisationSerializer()
    scan_status = serializers.CharField()
    results_visible = serializers.BooleanField()
    answers_url = serializers.CharField()
    scores_url = serializers.CharField()


class AnswerSerializer(serializers.Serializer):
    key = serializers.CharField()
    number = serializers.CharField()
    question = serializers.CharField()
    type = serializers.CharField()
    value = serializers.JSONField(help_text="Euros and decimals as strings, dates as ISO 8601.")


class AnswersSerializer(serializers.Serializer):
    participation = serializers.IntegerField()
    scan_status = serializers.CharField()
    answers = AnswerSerializer(many=True)


class CategoryScoreSerializer(serializers.Serializer):
    total = serializers.CharField(allow_null=True)
    circular = serializers.CharField(allow_null=True)
    share = serializers.CharField(allow_null=True)


class ScoresSerializer(serializers.Serializer):
    participation = serializers.IntegerField()
    overall = serializers.CharField()
    strategic = serializers.CharField(allow_null=True)
    operational = serializers.CharField(allow_null=True)
    stage = serializers.CharField()
    focus_areas = serializers.DictField(child=serializers.CharField())
    themes = serializers.DictField(child=serializers.CharField())
    stages = serializers.DictField(child=serializers.CharField())
    categories = serializers.DictField(child=CategoryScoreSerializer())
    spend_total = serializers.CharField(allow_null=True)
    spend_circular = serializers.CharField(allow_null=True)
    circular_share = serializers.CharField(allow_null=True)
    complete = serializers.BooleanField()


def paginated(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The page envelope of a list endpoint (limit/offset paging)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True),
            "results": item(many=True),
        },
    )


EditionPageSerializer = paginated(EditionSerializer, "EditionPageSerializer")
TablePageSerializer = paginated(TableSummarySerializer, "TablePageSerializer")
ParticipationPageSerializer = paginated(ParticipationSerializer, "ParticipationPageSerializer")


class TopTenLessonSerializer(serializers.Serializer):
    title = serializers.CharField()
    tried = serializers.CharField(allow_blank=True)
    worked = serializers.CharField(allow_blank=True)
    did_not_work = serializers.CharField(allow_blank=True)
    obstacles = serializers.CharField(allow_blank=True)
    phase = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())


class TopTenEntrySerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="Shared on a tie (1, 2, 2, 4).")
    named = serializers.BooleanField(help_text="False: the municipality did not consent to be named.")
    name = serializers.CharField(allow_null=True, help_text='null when not named ("anonieme gemeente").')
    top_three = serializers.BooleanField()
    lessons = TopTenLessonSerializer(many=True, help_text="Shared lessons a named Top 3 municipality chose to show.")


class TopTenSummarySerializer(serializers.Serializer):
    edition = EditionRefSerializer()
    published_at = serializers.DateTimeField()
    url = serializers.CharField()


class TopTenSerializer(serializers.Serializer):
    edition = EditionRefSerializer()
    closing_meeting_date = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField()
    entries = TopTenEntrySerializer(many=True)


TopTenPageSerializer = paginated(TopTenSummarySerializer, "TopTenPageSerializer")
