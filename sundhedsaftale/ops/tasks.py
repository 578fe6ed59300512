from celery import shared_task

from sundhedsaftale.ops.services import heartbeat_record


@shared_task(ignore_result=True)
def beat_tick() -> None:
    """Proof that the beat and a worker are running, read by /healthz."""
    heartbeat_record(name="beat")
