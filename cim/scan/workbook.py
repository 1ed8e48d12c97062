"""The offline workbook: the scan as XLSX (instructions, one sheet per section, input validation
lists, current answers) and reading a filled-in workbook back into proposed changes.

Reading is defensive: the file type is checked by content, macros and zip bombs are refused,
sheets and columns must be the ones we wrote, rows are capped, formulas are refused, and every
value passes the same checks as the web form. Nothing is saved here (see services/workbook.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cim.core.exports import neutralise
from cim.core.uploads import check_zip_container, validate_document
from cim.questionnaires import model as m
from cim.questionnaires import values

META_SHEET = "_cim"
LISTS_SHEET = "Lijsten"
MAX_ROWS_PER_SHEET = 2000
MAX_SHEETS = 40
MAX_UNCOMPRESSED = 20 * 1024 * 1024
EXTRA_REPEAT_ROWS = 5
HEADER = ("key", "number", "question", "answer", "hint")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def header_labels() -> list[str]:
    return [_("Sleutel (niet wijzigen)"), _("Nr."), _("Vraag"), _("Antwoord"), _("Toelichting")]


def sheet_title(section: m.Section) -> str:
    return _SHEET_BAD.sub("-", f"{section.number}. {section.title.get()}")[:31]


@dataclass(frozen=True)
class Cell:
    """One answer cell of the workbook: a question, or one grid cell, or one repeating cell."""

    key: str  # procurement_spend_total | category_spend.gww.total | projects.2.name
    question: m.Question
    spec: m.ValueSpec | None
    label: str
    row: str = ""
    column: str = ""
    index: int = 0


def cells_for(question: m.Question, wire: Any, *, extra_rows: int = EXTRA_REPEAT_ROWS) -> list[tuple[Cell, Any]]:
    """The workbook cells of a question with their current wire values."""
    text = question.text.get()
    if question.spec is not None:
        return [(Cell(question.key, question, question.spec, text), wire)]
    if question.type == m.EVIDENCE:
        url = wire.get("url") if isinstance(wire, dict) else None
        return [(Cell(question.key, question, None, text + " – " + _("link")), url)]
    result = []
    if question.type == m.GRID:
        grid = wire if isinstance(wire, dict) else {}
        for row in question.rows:
            for column in question.columns:
                result.append(
                    (
                        Cell(
                            f"{question.key}.{row.key}.{column.key}",
                            question,
                            column.spec,
                            f"{text} – {row.label.get()} – {column.label.get()}",
                            row=row.key,
                            column=column.key,
                        ),
                        (grid.get(row.key) or {}).get(column.key),
                    )
                )
        return result
    rows = wire if isinstance(wire, list) else []
    count = min(question.max_rows, max(len(rows) + extra_rows, question.min_rows))
    for index in range(1, count + 1):
        cells = rows[index - 1] if index <= len(rows) else {}
        for column in question.columns:
            result.append(
                (
                    Cell(
                        f"{question.key}.{index}.{column.key}",
                        question,
                        column.spec,
                        " – ".join((text, _("rij %(n)s") % {"n": index}, column.label.get())),
                        column=column.key,
                        index=index,
                    ),
                    cells.get(column.key),
                )
            )
    return result


def _hint(cell: Cell) -> str:
    spec = cell.spec
    if spec is None:
        return _("Een link die begint met https://. Documenten uploadt u op de website.")
    hints = {
        m.YES_NO: _("Kies Ja of Nee."),
        m.CHOICE: _("Kies uit de lijst."),
        m.SCALE: _("Kies een niveau uit de lijst."),
        m.INTEGER: _("Een geheel getal."),
        m.EURO: _("Een bedrag in euro's, zonder €-teken."),
        m.PERCENTAGE: _("Een percentage van 0 tot 100."),
        m.TEXT: _("Tekst, hoogstens %(n)s tekens.") % {"n": spec.max_length},
        m.LONG_TEXT: _("Tekst, hoogstens %(n)s tekens.") % {"n": spec.max_length},
        m.DATE: _("Een datum, bijvoorbeeld 31-01-2026."),
    }
    hint = hints.get(spec.type, "")
    if spec.type == m.MULTI_CHOICE:
        hint = _("Een of meer van: %(options)s. Scheid ze met ';'.") % {
            "options": "; ".join(o.label.get() for o in spec.options)
        }
    question = cell.question
    if question.help and cell.spec is question.spec:
        hint = f"{hint} {question.help.get()}"
    return hint


def _cell_value(spec: m.ValueSpec | None, wire: Any) -> Any:
    """A wire value as a spreadsheet cell: numbers stay numbers, choices become their labels."""
    if values.is_empty(wire):
        return None
    if spec is None:
        return neutralise(str(wire))
    if spec.type in (m.EURO, m.PERCENTAGE):
        return Decimal(str(wire))
    if spec.type == m.INTEGER:
        return int(wire)
    if spec.type == m.DATE:
        return values.to_python(spec, wire)
    if spec.type in (m.YES_NO, m.CHOICE, m.SCALE, m.MULTI_CHOICE):
        return neutralise(values.display(spec, wire))
    return neutralise(str(wire))


def _list_options(spec: m.ValueSpec) -> list[str]:
    if spec.type == m.YES_NO:
        return [_("Ja"), _("Nee")]
    if spec.type == m.SCALE:
        return [values.display(spec, lv.level) for lv in spec.levels]
    return [o.label.get() for o in spec.options]


def build_workbook(
    *,
    definition: m.Definition,
    answers: Mapping[str, Any],
    versions: Mapping[str, int],
    participation_id: int,
    organisation: str,
    year: int,
    editable_sections: set[str] | None = None,
) -> bytes:
    workbook = Workbook()
    intro = workbook.active
    assert intro is not None
    intro.title = _("Instructies")[:31]
    _write_instructions(intro, definition, organisation, year)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_ranges: dict[tuple[str, ...], str] = {}
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for section in definition.sections:
        ws = workbook.create_sheet(sheet_title(section))
        ws.append(header_labels())
        for cell in ws[1]:
            cell.font = bold
        for column, width in zip("ABCDE", (34, 7, 70, 28, 60), strict=True):
            ws.column_dimensions[column].width = width
        ws.freeze_panes = "D2"
        editable = editable_sections is None or section.key in editable_sections
        for question in section.questions:
            for cell, wire in cells_for(question, answers.get(question.key)):
                ws.append(
                    [
                        cell.key,
                        question.number,
                        neutralise(cell.label),
                        _cell_value(cell.spec, wire),
                        neutralise(_hint(cell)),
                    ]
                )
                row = ws.max_row
                ws.cell(row, 1).fill = grey
                answer = ws.cell(row, 4)
                answer.protection = Protection(locked=not editable)
                ws.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
                ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
                _validate(ws, answer.coordinate, cell.spec, lists, list_ranges)
                if cell.spec is not None and cell.spec.type == m.EURO:
                    answer.number_format = "#,##0.00"
                elif cell.spec is not None and cell.spec.type == m.DATE:
                    answer.number_format = "DD-MM-YYYY"
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    meta.append(["participation", participation_id])
    meta.append(["checksum", definition.checksum])
    meta.append(["generated", timezone.now().isoformat()])
    for key, version in sorted(versions.items()):
        meta.append([f"version:{key}", version])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _validate(
    ws: Any, coordinate: str, spec: m.ValueSpec | None, lists: Any, ranges: dict[tuple[str, ...], str]
) -> None:
    if spec is None:
        return
    validation: DataValidation | None = None
    if spec.type in (m.YES_NO, m.CHOICE, m.SCALE):
        options = tuple(_list_options(spec))
        if options not in ranges:
            column = get_column_letter(len(ranges) + 1)
            for index, option in enumerate(options, start=1):
                lists.cell(index, len(ranges) + 1, neutralise(option))
            ranges[options] = f"{LISTS_SHEET}!${column}$1:${column}${len(options)}"
        validation = DataValidation(type="list", formula1=f"={ranges[options]}", allow_blank=True)
        validation.error = _("Kies een waarde uit de lijst.")
    elif spec.type == m.EURO:
        validation = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=str(spec.max or m.EURO_MAX)
        )
        validation.error = _("Vul een bedrag in van 0 tot 1.000.000.000.000 euro.")
    elif spec.type == m.PERCENTAGE:
        validation = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        validation.error = _("Vul een percentage in van 0 tot 100.")
    elif spec.type == m.INTEGER:
        validation = DataValidation(type="whole", operator="between", formula1=str(spec.min), formula2=str(spec.max))
        validation.error = _("Vul een geheel getal in.")
    if validation is not None:
        validation.showErrorMessage = True
        validation.errorTitle = _("Ongeldige waarde")
        ws.add_data_validation(validation)
        validation.add(coordinate)


def _write_instructions(ws: Any, definition: m.Definition, organisation: str, year: int) -> None:
    ws.column_dimensions["A"].width = 110
    lines = [
        definition.title.get(),
        _("Organisatie: %(org)s") % {"org": organisation},
        _("Gemaakt op: %(when)s") % {"when": formats.date_format(timezone.localtime(), "j F Y H:i")},
        "",
        _("Zo werkt het"),
        _(
            "1. Vul op elk tabblad de kolom 'Antwoord' in. De andere kolommen en de namen van de tabbladen laat u staan."
        ),
        _("2. Keuzes kiest u uit de lijst in de cel. Bedragen vult u in euro's in, zonder €-teken."),
        _("3. Formules worden niet overgenomen: vul waarden in."),
        _(
            "4. Upload het werkboek op de website (Scan → Ingevuld werkboek uploaden). U ziet eerst per vraag wat er verandert en welke fouten er zijn."
        ),
        _(
            "5. Pas als u bevestigt, wordt alles in één keer opgeslagen. Heeft een collega intussen hetzelfde antwoord gewijzigd, dan hoort u dat eerst."
        ),
        _("Documenten als bewijsstuk uploadt u op de website; in het werkboek kunt u wel een link invullen."),
    ]
    if definition.introduction:
        lines[3:3] = [definition.introduction.get(), ""]
    for index, line in enumerate(lines, start=1):
        cell = ws.cell(index, 1, neutralise(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index == 1 or line == _("Zo werkt het"):
            cell.font = Font(bold=True, size=14 if index == 1 else 12)


# --- reading a filled-in workbook ---------------------------------------------------------------
@dataclass
class ParsedWorkbook:
    """Values per question as found in the workbook, the base versions, and every problem."""

    values: dict[str, Any] = field(default_factory=dict)  # question key -> wire value
    versions: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    participation_id: int | None = None
    checksum: str = ""


class WorkbookRejected(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def open_upload(upload: IO[bytes], size: int) -> Any:
    """Check the file (type by content, macros, zip bombs) and open it read-only."""
    try:
        validate_document(upload, size=size, allowed=("xlsx",))
        upload.seek(0)
        archive = check_zip_container(upload, max_uncompressed=MAX_UNCOMPRESSED)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if "bestandstype" in message or "file type" in message:
            message = _(
                "Dit is geen Excel-werkboek (.xlsx). Download het werkboek van de scan, vul het in en upload het weer."
            )
        raise WorkbookRejected(message) from exc
    names = archive.namelist()
    if sum(1 for n in names if n.startswith("xl/worksheets/sheet")) > MAX_SHEETS:
        raise WorkbookRejected(_("Het werkboek heeft te veel tabbladen."))
    upload.seek(0)
    try:
        return load_workbook(upload, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise WorkbookRejected(_("Het werkboek kan niet worden gelezen. Is het beschadigd?")) from exc


def _rows(ws: Any, sheet: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, row in enumerate(ws.iter_rows(), start=1):
        if number > MAX_ROWS_PER_SHEET:
            raise WorkbookRejected(
                _("Het tabblad '%(sheet)s' heeft meer dan %(n)s rijen; dit is niet het werkboek van de scan.")
                % {"sheet": sheet[:40], "n": MAX_ROWS_PER_SHEET}
            )
        yield number, row


def _in_both_languages(make: Any) -> list[Any]:
    """A workbook downloaded in English can be uploaded with Dutch chosen, and the other way round."""
    found = []
    for language in ("nl", "en"):
        with translation.override(language):
            found.append(make())
    return found


def parse_workbook(workbook: Any, definition: m.Definition) -> ParsedWorkbook:
    result = ParsedWorkbook()
    titles = {
        title: section
        for pairs in _in_both_languages(lambda: [(sheet_title(s), s) for s in definition.sections])
        for title, section in pairs
    }
    known = {*titles, *(t[:31] for t in _in_both_languages(lambda: _("Instructies"))), LISTS_SHEET, META_SHEET}
    for name in workbook.sheetnames:
        if name not in known:
            result.problems.append(
                _("Onbekend tabblad '%(sheet)s'. Gebruik het werkboek zoals u het heeft gedownload.")
                % {"sheet": str(name)[:40]}
            )
    if result.problems:
        return result
    if META_SHEET in workbook.sheetnames:
        _read_meta(workbook[META_SHEET], result)
    cells: dict[str, Cell] = {}
    for question in definition.questions:
        for cell, _wire in cells_for(question, None, extra_rows=m.REPEATING_MAX_ROWS):
            cells[cell.key] = cell
    found: dict[str, dict[str, Any]] = {}
    for title, section in titles.items():
        if title in workbook.sheetnames:
            _read_section(workbook[title], title, section, definition, cells, found, result)
    for question in definition.questions:
        if question.key not in found:
            continue
        parts = found[question.key]
        try:
            result.values[question.key] = values.check_question(question, _assemble(question, parts))
        except values.InvalidValue as exc:
            result.problems.append(f"{question.number} {question.text.get()}: {exc.message}")
    return result


def _read_meta(ws: Any, result: ParsedWorkbook) -> None:
    for number, row in _rows(ws, META_SHEET):
        if number > MAX_ROWS_PER_SHEET or len(row) < 2:
            continue
        label, value = row[0].value, row[1].value
        if label == "participation" and isinstance(value, int | float):
            result.participation_id = int(value)
        elif label == "checksum":
            result.checksum = str(value or "")
        elif isinstance(label, str) and label.startswith("version:") and isinstance(value, int | float):
            result.versions[label[8:]] = int(value)


def _read_section(
    ws: Any,
    title: str,
    section: m.Section,
    definition: m.Definition,
    cells: dict[str, Cell],
    found: dict[str, dict[str, Any]],
    result: ParsedWorkbook,
) -> None:
    for number, row in _rows(ws, title):
        for extra in row[len(HEADER) :]:
            if getattr(extra, "value", None) not in (None, ""):
                result.problems.append(
                    _(
                        "Tabblad '%(sheet)s', cel %(cell)s: extra kolommen worden niet gelezen; zet antwoorden in kolom D."
                    )
                    % {"sheet": title, "cell": extra.coordinate}
                )
                break
        if number == 1:
            header = [str(getattr(c, "value", "") or "") for c in row[: len(HEADER)]]
            if header not in _in_both_languages(header_labels):
                result.problems.append(
                    _(
                        "Tabblad '%(sheet)s': de kopregel is veranderd. Gebruik het werkboek zoals u het heeft gedownload."
                    )
                    % {"sheet": title}
                )
                return
            continue
        if not row:
            continue
        key = row[0].value if len(row) > 0 else None
        answer = row[3] if len(row) > 3 else None
        value = getattr(answer, "value", None)
        if key in (None, ""):
            if value not in (None, ""):
                result.problems.append(
                    _("Tabblad '%(sheet)s', rij %(row)s: een antwoord zonder sleutel in kolom A.")
                    % {"sheet": title, "row": number}
                )
            continue
        cell = cells.get(str(key))
        if cell is None or cell.question.section_key != section.key:
            result.problems.append(
                _("Tabblad '%(sheet)s', cel A%(row)s: de sleutel '%(key)s' hoort niet bij dit onderdeel.")
                % {"sheet": title, "row": number, "key": str(key)[:60]}
            )
            continue
        where = _("Tabblad '%(sheet)s', cel D%(row)s (%(label)s)") % {
            "sheet": title,
            "row": number,
            "label": cell.label[:80],
        }
        if getattr(answer, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
            result.problems.append(f"{where}: " + _("formules worden niet overgenomen; vul een waarde in."))
            continue
        if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r\n|%":
            value = value[1:]  # the apostrophe we put before text that starts like a formula
        parts = found.setdefault(cell.question.key, {})
        if cell.spec is None:
            parts["url"] = value
            continue
        try:
            parts[cell.key] = values.parse_input(cell.spec, value if not isinstance(value, str) else value.strip())
        except values.InvalidValue as exc:
            result.problems.append(f"{where}: {exc.message}")
            parts[cell.key] = None


def _assemble(question: m.Question, parts: dict[str, Any]) -> Any:
    if question.type == m.EVIDENCE:
        url = parts.get("url")
        return {"url": values.check_url(url)} if url not in (None, "") else None
    if question.spec is not None:
        return parts.get(question.key)
    if question.type == m.GRID:
        grid: dict[str, dict[str, Any]] = {}
        for key, value in parts.items():
            _question, row, column = key.split(".")
            if value is not None:
                grid.setdefault(row, {})[column] = value
        return grid
    rows: dict[int, dict[str, Any]] = {}
    for key, value in parts.items():
        _question, index, column = key.split(".")
        if value is not None:
            rows.setdefault(int(index), {})[column] = value
    return [rows[i] for i in sorted(rows)]
