import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def deliver_mail(payload: dict) -> int:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=payload["to"],
        reply_to=payload.get("reply_to") or None,
    )
    message.attach_alternative(payload["html"], "text/html")
    for item in payload.get("attachments", []):
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message.send()
