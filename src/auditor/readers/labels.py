"""Which infobox labels picture, place, style or identify rather than state a fact a source must back:
``shield_size``, ``calling_code``, ``utc_offset`` and ``static_image_name`` in wikitext; "Calling code",
"Time zone" and "ISO 3166 code" in a rendered page."""

from __future__ import annotations

import re

# A word of the label, anywhere in it: "calling_code", "Area code(s)", "timezone_DST"; a size or style only
# after another word ("shield_size"): a unit's "Size" is its strength.
_NO_FACT_WORD = re.compile(
    r"(?i)(?:(?:^|[_ ])(?:image|caption|code|codes|issn|timezone|time zone|utc|postal|lon|lat|website)"
    r"|[_ ](?:size|style))(?=$|[_ (\d])"
)


def states_no_fact(label: str) -> bool:
    """Whether a field of this label is an image's, a position's, a style's or an identifier's."""
    return _NO_FACT_WORD.search(label) is not None
