"""HTML fragments to plain text (feed titles and summaries), with the standard library only."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "section", "article", "header", "footer", "hr", "dd", "dt",
}
_SKIP = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002 - HTMLParser passes attrs; text needs none
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str, limit: int = 10_000) -> str:
    """Visible text of an HTML fragment, whitespace collapsed, at most ``limit`` characters."""
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except Exception:  # HTMLParser is lenient, but a hostile fragment must not stop a feed
        return " ".join(fragment.split())[:limit]
    return " ".join("".join(collector.parts).split())[:limit]


def clean_text(value: object, limit: int = 10_000) -> str | None:
    """A plain-text field: stripped, control characters removed, None when empty."""
    if not isinstance(value, str):
        return None
    value = "".join(ch for ch in value if ch.isprintable() or ch in "\t\n ")
    value = " ".join(value.split())[:limit]
    return value or None
