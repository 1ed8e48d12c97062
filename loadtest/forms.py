"""The section form as the browser posts it (htmx includes the enclosing form in every autosave).
Separate from the locustfile, which cannot be imported in the test suite (locust patches the
standard library for gevent)."""

from __future__ import annotations

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The successful controls of the form with id cim-scan-form (or the first form with a
    csrfmiddlewaretoken): what the browser would post, in document order."""

    def __init__(self, form_id: str | None = "cim-scan-form") -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False
        self._template = 0
        self._select: tuple[str, bool] | None = None
        self._select_items: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self._in_form and not self._done:
            self._in_form = self.form_id is None or a.get("id") == self.form_id
            return
        if not self._in_form:
            return
        if tag == "template":
            self._template += 1
        if self._template or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("file", "submit", "button", "reset", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select, self._select_items = (name, "multiple" in a), []
        elif tag == "option" and self._select is not None:
            self._select_items.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if not self._in_form:
            return
        if tag == "template":
            self._template -= 1
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [v for v, s in self._select_items if s]
            if not chosen and not multiple and self._select_items:
                chosen = [self._select_items[0][0]]
            self.fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "form":
            self._in_form, self._done = False, True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def form_fields(html: str, form_id: str | None = "cim-scan-form") -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def replace_answer(fields: list[tuple[str, str]], key: str, new: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The form after typing a new answer to `key`: its a- inputs replaced."""
    own = f"a-{key}"
    kept = [(n, v) for n, v in fields if n != own and not n.startswith(own + "-")]
    return kept + [(n, v) for n, values in new.items() for v in values]


def set_field(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(n, v) for n, v in fields if n != name] + [(name, value)]
