"""The real e-mail path: an answer with an attachment, to a person with a non-ASCII name, through
Django's SMTP backend to a local SMTP server running as a separate process (aiosmtpd)."""

from __future__ import annotations

import mailbox
import socket
import subprocess
import sys
import time
from email.header import decode_header, make_header
from email.utils import getaddresses

import pytest

from cim.servicedesk.services import threads as thread_services
from cim.servicedesk.tests.conftest import PDF, pdf

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(tmp_path):  # type: ignore[no-untyped-def]
    port = free_port()
    maildir = tmp_path / "maildir"
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and a fixed module
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the SMTP server did not start: " + (process.stderr.read() or b"").decode()[:500])
            time.sleep(0.1)
    yield port, maildir
    process.terminate()
    process.wait(timeout=10)


def test_answer_with_attachment_arrives_through_smtp(world, settings, smtp_server, commit) -> None:  # type: ignore[no-untyped-def]
    port, maildir = smtp_server
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    penvoerder = world.user("penvoerder")
    penvoerder.name = "Jürgen Ødegård-Müller"
    penvoerder.save()
    thread = thread_services.thread_open(
        actor=penvoerder, participation=world.participation, subject="Vraag over één categorie", body="?"
    )
    commit(
        thread_services.thread_reply_staff,
        actor=world.user("servicedesk"),
        thread=thread,
        body="Zie de bijlage, met groeten uit Zwolle – ëïö.",
        attachments=[pdf("Toelichting categorieën.pdf")],
    )
    box = mailbox.Maildir(str(maildir))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        messages = [box.get_message(key) for key in box.iterkeys()]
        answers = [m for m in messages if "penvoerder@arnhem.nl" in str(m["To"])]
        if answers:
            break
        time.sleep(0.1)
    else:
        pytest.fail("no answer arrived at the SMTP server")
    message = answers[0]
    ((name, address),) = getaddresses([str(make_header(decode_header(message["To"])))])
    assert (name, address) == ("Jürgen Ødegård-Müller", "penvoerder@arnhem.nl")
    assert (
        str(make_header(decode_header(message["Subject"]))) == "Antwoord van de servicedesk: Vraag over één categorie"
    )
    parts = list(message.walk())
    text = next(p for p in parts if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    assert "Zie de bijlage, met groeten uit Zwolle – ëïö." in text
    attachment = next(p for p in parts if p.get_content_type() == "application/pdf")
    assert attachment.get_filename() == "Toelichting categorieën.pdf"
    assert attachment.get_payload(decode=True) == PDF
