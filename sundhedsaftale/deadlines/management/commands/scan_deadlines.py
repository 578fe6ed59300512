from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from sundhedsaftale.deadlines.scan import BATCH_SIZE, alerts_notify, scan_due


class Command(BaseCommand):
    help = "Kør én scanning af frister nu (advarsler, overskridelser, eskaleringer) og send e-mails."

    def handle(self, *args: Any, **options: Any) -> None:
        total = {"breached": 0, "warned": 0, "escalated": 0}
        while True:
            result = scan_due(now=timezone.now())
            for key in total:
                total[key] += getattr(result, key)
            if not result.more(BATCH_SIZE):
                break
        notified = alerts_notify(now=timezone.now())
        self.stdout.write(
            f"Overskredet: {total['breached']}, advarsler: {total['warned']}, "
            f"eskaleringer: {total['escalated']}, e-mails for {notified} advarsler"
        )
