"""The scan's "done when", in the browser: a penvoerder redeems a code, invites a colleague for
one section, fills in every section (with a network interruption and a session expiry on the
way, losing nothing), resolves a conflict, copies last year's answer, uploads a workbook,
submits and downloads the receipt; the service desk sees progress, reminds and reopens.
axe checks every page on the way."""

from __future__ import annotations

import io
import random
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from cim.accounts.totp import totp_activate
from cim.editions.models import Participation, ParticipationMember, ScanStatus
from cim.editions.services.login_codes import login_code_issue
from cim.questionnaires import model as m
from cim.questionnaires.models import QuestionnaireDefinition
from cim.questionnaires.selectors import edition_definition
from cim.questionnaires.values import input_text
from cim.scan.models import Answer, Response, Submission
from cim.scan.sample import sample_answers
from cim.testing import factories as f
from cim.testing.browser import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Een-Sterk-Wachtwoord-9"
SAVED = """() => !document.querySelector('.cim-busy, [data-state="busy"]')
    && !Object.keys(localStorage).some(k => k.startsWith('cim-scan:'))"""


def stored(participation: Participation, key: str):  # type: ignore[no-untyped-def]
    answer = Answer.objects.filter(response__participation=participation, question_key=key).first()
    return answer.value if answer else None


def fill_value(page, spec: m.ValueSpec, name: str, selector: str, wire, *, compact: bool) -> None:  # type: ignore[no-untyped-def]
    if spec.type in (m.YES_NO, m.CHOICE, m.SCALE):
        value = ("yes" if wire else "no") if spec.type == m.YES_NO else str(wire)
        if compact:
            page.select_option(selector, value)
        else:
            page.check(f'input[name="{name}"][value="{value}"]')
    elif spec.type == m.MULTI_CHOICE:
        for value in wire:
            page.check(f'input[name="{name}"][value="{value}"]')
    elif spec.type == m.DATE:
        page.fill(selector, wire)
    else:
        page.fill(selector, input_text(spec, wire))
        page.locator(selector).dispatch_event("change")


def fill_question(page, question: m.Question, wire) -> None:  # type: ignore[no-untyped-def]
    key = question.key
    if question.spec is not None:
        fill_value(page, question.spec, f"a-{key}", f"#q-{key}", wire, compact=False)
    elif question.type == m.GRID:
        for row, cells in wire.items():
            for column, value in cells.items():
                spec = question.column(column).spec
                fill_value(page, spec, f"a-{key}-{row}-{column}", f"#q-{key}-{row}-{column}", value, compact=True)
    elif question.type == m.REPEATING:
        for index, cells in enumerate(wire):
            if index > 0:
                page.click(f'[data-repeat-add="{key}"]')
            for column, value in cells.items():
                spec = question.column(column).spec
                fill_value(page, spec, f"a-{key}-{index}-{column}", f"#q-{key}-{index}-{column}", value, compact=True)
    elif question.type == m.EVIDENCE:
        page.fill(f"#q-{key}-url", wire["url"])
        page.locator(f"#q-{key}-url").dispatch_event("change")


def wait_saved(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(SAVED, timeout=20_000)


def test_penvoerder_fills_in_and_submits_and_the_service_desk_follows_up(page, browser, live_server) -> None:  # type: ignore[no-untyped-def]
    # --- the world -------------------------------------------------------------------------
    desk = f.StaffFactory(user__name="Sanne Servicedesk").user
    totp_activate(desk, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    programme = desk.programme_roles.first().programme
    earlier = f.EditionFactory(programme=programme, year=2029, status="released")
    last_year = f.ParticipationFactory(edition=earlier, organisation=f.organisation("GM0202"))
    response = Response.objects.create(
        participation=last_year, definition=QuestionnaireDefinition.objects.get(edition=earlier)
    )
    Submission.objects.create(
        response=response, number=1, receipt_code="CIM-2029-AAAAAAAA", submitted_at=timezone.now(),
        answers={"procurement_spend_total": "287500000.00"},
    )  # fmt: skip
    edition = f.EditionFactory(programme=programme, year=2030)
    participation = f.ParticipationFactory(
        edition=edition, organisation=f.organisation("GM0202"), contact_name="Petra Penvoerder"
    )
    nijmegen = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0268"))
    f.MemberFactory(participation=nijmegen, user__email="penvoerder@nijmegen.nl")
    issued = login_code_issue(actor=desk, participation=participation)
    definition = edition_definition(edition)
    answers = sample_answers(definition, population=160_000, maturity=0.7, rng=random.Random(4))
    answers["procurement_spend_total"] = "287500000.00"  # taken over from last year below
    answers["policy_target"] = True
    answers["policy_target_pct"] = "25"
    answers["policy_target_year"] = 2030
    answers["projects_selected"] = True
    answers["projects"] = [
        {
            "name": "Circulair viaduct",
            "category": "gww",
            "perspective": "innovation",
            "value": "4500000.00",
            "status": "tender",
        },
        {
            "name": "Kantoormeubilair",
            "category": "facilities",
            "perspective": "emvi",
            "value": "350000.00",
            "status": "awarded",
        },
    ]
    answers["policy_document"] = {"url": "https://www.arnhem.nl/circulair"}
    answers.pop("project_evidence", None)

    # --- redeem the code ---------------------------------------------------------------------
    page.goto("/code/")
    assert_accessible(page)
    page.get_by_label("Inlogcode").fill(issued.code)
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Uw naam").fill("Petra Penvoerder")
    page.get_by_label("E-mailadres").fill("petra@arnhem.nl")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord herhalen").fill(PASSWORD)
    assert_accessible(page)
    page.get_by_role("button", name="Account aanmaken").click()
    page.get_by_role("heading", name="Welkom, Petra Penvoerder").wait_for()
    assert_accessible(page)

    # --- invite a colleague for one section -------------------------------------------------------
    page.get_by_role("link", name="Nodig collega's uit die helpen met invullen").first.click()
    page.get_by_label("Naam van uw collega").fill("Coen Collega")
    page.get_by_label("E-mailadres van uw collega").fill("coen@arnhem.nl")
    page.get_by_label("5. Inkoopcategorieën").check()
    assert_accessible(page)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("De uitnodiging is verstuurd naar coen@arnhem.nl").wait_for()
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    colleague = browser.new_context(base_url=live_server.url, locale="nl-NL")
    colleague.set_default_timeout(10_000)
    coen = colleague.new_page()
    coen.goto(link[link.index("/uitnodiging/") :])
    coen.get_by_label("Uw naam").fill("Coen Collega")
    coen.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    coen.get_by_label("Wachtwoord herhalen").fill(PASSWORD)
    coen.get_by_role("button", name="Account aanmaken").click()
    coen.get_by_role("heading", name="Welkom, Coen Collega").wait_for()
    assert ParticipationMember.objects.get(user__email="coen@arnhem.nl").sections == ["categories"]

    # --- the scan: the penvoerder opens it ---------------------------------------------------------
    page.goto("/dashboard/")
    page.get_by_role("link", name="Scan invullen").click()
    page.get_by_role("heading", name="Scan 2030 van Arnhem").wait_for()
    assert_accessible(page)
    scan_url = page.url

    for section in definition.sections:
        page.goto(f"{scan_url}onderdeel/{section.key}/")
        page.get_by_role("heading", name=f"{section.number}. {section.title}").wait_for()
        assert_accessible(page)
        if section.key == "organisation":
            # Last year's answer is shown, never prefilled; one click copies it.
            assert page.locator("#q-procurement_spend_total").input_value() == ""
            page.get_by_role("button", name="Antwoord van 2029 overnemen").first.click()
            page.wait_for_function(
                "() => document.querySelector('#q-procurement_spend_total').value === '287.500.000,00'"
            )
            assert stored(participation, "procurement_spend_total") == "287500000.00"
        if section.key == "categories":
            # Both tabs are open; the colleague changes a cell the penvoerder is about to change too.
            coen.goto(f"{scan_url}onderdeel/categories/")
            coen.fill("#q-category_spend-energy-total", "500")
            coen.locator("#q-category_spend-energy-total").dispatch_event("change")
            wait_saved(coen)
            assert_accessible(coen)
            coen.goto(f"{scan_url}onderdeel/organisation/")
            assert coen.locator("#q-tenders_count").count() == 0  # read only for the colleague
            page.fill("#q-category_spend-energy-total", "600")
            page.locator("#q-category_spend-energy-total").dispatch_event("change")
            conflict = page.locator("#vraag-category_spend [data-state=conflict]")
            conflict.wait_for()
            assert "Coen Collega heeft dit antwoord intussen gewijzigd" in conflict.inner_text()
            assert "€\u00a0500,00" in conflict.inner_text()
            assert "€\u00a0600,00" in conflict.inner_text()
            assert_accessible(page)
            conflict.get_by_role("button", name="Mijn antwoord bewaren").click()
            page.locator("#vraag-category_spend [data-state=saved]").wait_for()
            assert stored(participation, "category_spend")["energy"]["total"] == "600.00"
        if section.key == "integration":
            # The network drops: the answer waits on this computer and is sent when it is back.
            page.context.set_offline(True)
            fill_question(page, definition.question("market_dialogue"), answers["market_dialogue"])
            page.locator("#vraag-market_dialogue-status").get_by_text("geen verbinding").wait_for()
            assert stored(participation, "market_dialogue") is None
            page.context.set_offline(False)
            wait_saved(page)
            assert stored(participation, "market_dialogue") == answers["market_dialogue"]
        if section.key == "results":
            # The session ends: nothing typed is lost, logging in again continues where we were.
            page.context.clear_cookies(name="sessionid")
            page.fill("#q-lessons", answers.get("lessons") or "Marktconsultaties werken.")
            page.locator("#q-lessons").dispatch_event("change")
            page.locator("#vraag-lessons-status").get_by_text("u bent uitgelogd").wait_for()
            assert stored(participation, "lessons") is None
            page.locator("#vraag-lessons-status").get_by_role("link", name="Opnieuw inloggen").click()
            page.get_by_label("Wachtwoord").fill(PASSWORD)
            page.get_by_label("E-mail").fill("petra@arnhem.nl")
            page.locator("main").get_by_role("button", name="Inloggen").click()
            page.get_by_role("heading", name="8. Resultaten en reflectie").wait_for()
            wait_saved(page)
            assert stored(participation, "lessons") == (answers.get("lessons") or "Marktconsultaties werken.")
        for question in section.questions:
            if question.key in answers and question.key not in (
                "procurement_spend_total",
                "market_dialogue",
                "lessons",
            ):
                fill_question(page, question, answers[question.key])
        wait_saved(page)
    coen.close()
    colleague.close()
    for key in ("policy_target_pct", "projects", "spearhead_attention", "perspective_share_innovation"):
        assert stored(participation, key) == answers[key], key

    # --- the offline workbook -----------------------------------------------------------------------
    page.goto(scan_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Werkboek downloaden (.xlsx)").click()
    with open(download.value.path(), "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    for row in workbook["1. Uw organisatie en inkoop"].iter_rows(min_row=2):
        if row[0].value == "tenders_count":
            row[3].value = 77
    buffer = io.BytesIO()
    workbook.save(buffer)
    page.get_by_role("link", name="Ingevuld werkboek uploaden").click()
    assert_accessible(page)
    page.get_by_label("Ingevuld werkboek (.xlsx)").set_input_files(
        {"name": "scan.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}
    )
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("heading", name="1 antwoord verandert").wait_for()
    assert_accessible(page)
    assert stored(participation, "tenders_count") == answers["tenders_count"]
    page.get_by_role("button", name="1 wijziging opslaan").click()
    page.get_by_text("1 antwoorden uit het werkboek zijn opgeslagen").wait_for()
    assert stored(participation, "tenders_count") == 77

    # --- review, submit, receipt ----------------------------------------------------------------------
    page.get_by_role("link", name="Controleren en indienen").click()
    page.get_by_text("Alle verplichte vragen zijn beantwoord").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Scan indienen").dblclick()
    page.get_by_role("heading", name="Ontvangstbewijs").wait_for()
    assert_accessible(page)
    assert Submission.objects.filter(response__participation=participation).count() == 1
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download als PDF").click()
    with open(pdf.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert any("is ingediend" in message.subject for message in mail.outbox)
    # Only the failures the journey caused on purpose reach the console (offline, 401, 409).
    unexpected = [
        e
        for e in page.console_errors
        if not re.search(r"409|401|ERR_INTERNET_DISCONNECTED|htmx:(afterRequest|sendError)", e)
    ]
    assert not unexpected, unexpected

    # --- the service desk: progress, reminder, reopen ------------------------------------------------
    client = Client()
    client.force_login(desk)
    staff = browser.new_context(base_url=live_server.url, locale="nl-NL")
    staff.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    staff.set_default_timeout(10_000)
    desk_page = staff.new_page()
    desk_page.on("dialog", lambda dialog: dialog.accept())
    desk_page.goto(f"/beheer/edities/{edition.pk}/scan/")
    assert_accessible(desk_page)
    rows = desk_page.locator("[data-progress-table] tbody tr")
    assert "ingediend" in rows.filter(has_text="Arnhem").inner_text()
    assert "nog niet begonnen" in rows.filter(has_text="Nijmegen").inner_text()
    desk_page.get_by_label("Herinnering aan Nijmegen").check()
    desk_page.get_by_label("Persoonlijk bericht bij de herinnering").fill("Nog twee weken!")
    desk_page.get_by_role("button", name="Herinnering sturen aan de gekozen penvoerders").click()
    desk_page.get_by_text("1 herinneringen verstuurd").wait_for()
    assert any(
        "penvoerder@nijmegen.nl" in message.to[0] and "Nog twee weken!" in message.body for message in mail.outbox
    )
    desk_page.get_by_role("link", name="Arnhem").click()
    desk_page.get_by_role("heading", name="Scan 2030 van Arnhem").wait_for()
    assert_accessible(desk_page)
    desk_page.get_by_role("link", name="Scan heropenen").click()
    assert_accessible(desk_page)
    desk_page.get_by_label("Reden").fill("Bedrag energie klopt niet")
    desk_page.get_by_role("button", name="Heropenen").click()
    desk_page.get_by_text("De scan is heropend").wait_for()
    assert Participation.objects.get(pk=participation.pk).scan_status == ScanStatus.REOPENED
    staff.close()

    # The penvoerder can change the scan again.
    page.goto(f"{scan_url}onderdeel/categories/")
    assert page.locator("#q-category_spend-energy-total").is_editable()


def test_the_scan_works_without_javascript(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    participation = f.ParticipationFactory(edition=f.EditionFactory(year=2030), organisation=f.organisation("GM0202"))
    user = f.MemberFactory(participation=participation, user__name="Petra Penvoerder").user
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"/scan/{participation.pk}/onderdeel/organisation/")
    page.fill("#q-procurement_spend_total", "1.234.567,89")
    page.check('input[name="a-procurement_organisation"][value="shared_service"]')
    page.fill("#q-tenders_count", "twaalf")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_role("heading", name="Niet alles is opgeslagen").wait_for()
    assert "Vul een geheel getal in" in page.locator("#cim-error-summary").inner_text()
    assert page.locator("#q-tenders_count").input_value() == "twaalf"
    assert stored(participation, "procurement_spend_total") == "1234567.89"
    page.fill("#q-tenders_count", "12")
    page.get_by_role("button", name="Opslaan en naar het volgende onderdeel").click()
    page.get_by_role("heading", name="2. Beleid, inkoopbeleid en communicatie").wait_for()
    assert stored(participation, "tenders_count") == 12
    assert stored(participation, "procurement_organisation") == "shared_service"
    context.close()
