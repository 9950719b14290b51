"""The archived original of the seed, as a test builds it: a Wikipedia page whose footnotes are all there.

The nine footnotes the seed kept read as the seed has them; every other one gets a
title and a link of its own, so a test can tell where a recovered footnote came from.
"""

from __future__ import annotations

from html import escape

from auditor.document import Document


def lost_text(key: str) -> tuple[str, str]:
    """The title and link the original gives footnote ``key`` that the copy lost."""
    return f"Rebel report number {key}", f"http://news.example/reports/{key}"


def original_html(copy: Document, shuffle: bool = False) -> str:
    """A rendered article with ``copy``'s footnotes, in MediaWiki's markup; ``shuffle`` numbers them wrongly."""
    keys = [r.key for r in copy.references]
    texts = {r.key: r.text for r in copy.references}
    items = []
    paragraphs = []
    for index, key in enumerate(keys):
        shown = keys[(index + 7) % len(keys)] if shuffle else key
        if texts[shown]:
            body = escape(texts[shown])
        else:
            title, link = lost_text(shown)
            body = f'<cite class="citation web"><a class="external text" href="{link}">{title}</a>. News.</cite>'
        items.append(
            f'<li id="cite_note-{key}"><span class="mw-cite-backlink"><b><a href="#cite_ref-{key}">^</a></b></span>'
            f' <span class="reference-text">{body}</span></li>'
        )
        paragraphs.append(
            f'<p>Fighting went on in place {key}.<sup id="cite_ref-{key}" class="reference">'
            f'<a href="#cite_note-{key}">[{key}]</a></sup></p>'
        )
    return (
        f"<!DOCTYPE html><html><head><title>{escape(copy.title or '')} - Wikipedia</title></head><body>"
        f'<h1 id="firstHeading">{escape(copy.title or "")}</h1><div id="mw-content-text">'
        + "".join(paragraphs)
        + '<h2>References</h2><ol class="references">'
        + "".join(items)
        + "</ol></div></body></html>"
    )
