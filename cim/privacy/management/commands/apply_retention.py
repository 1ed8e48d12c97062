from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cim.core.registry import retention_rules
from cim.privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        "Apply every retention period (docs/security.md#retention): anonymise or remove personal data whose "
        "period has passed. Run daily from cron. Each room registers its rules in cim.core.registry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count what would be removed or anonymised")
        parser.add_argument("--rule", default="", help="run only this rule (see --list)")
        parser.add_argument("--list", action="store_true", help="list the rules and their periods")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for rule in retention_rules():
                self.stdout.write(f"{rule.code}: {rule.label} – {rule.period}")
            return
        codes = {rule.code for rule in retention_rules()}
        if options["rule"] and options["rule"] not in codes:
            self.stderr.write(f"unknown rule {options['rule']!r}; known: {', '.join(sorted(codes))}")
            raise SystemExit(2)
        outcomes = retention_apply(dry_run=options["dry_run"], only=options["rule"])
        verb = "would be handled" if options["dry_run"] else "handled"
        for outcome in outcomes:
            self.stdout.write(f"{outcome.rule.code}: {outcome.count} {verb}")
        self.stdout.write(f"{sum(o.count for o in outcomes)} records {verb} by {len(outcomes)} rules.")
