"""Report a date of a claim that the archived text of its source does not give.

## What it does
With ``--archive``, reads the main text of the capture of each source a claim
cites and looks for every date the claim states, in any written form and at
any precision: a claim's "3 July 2014" is found as "July 3", "3 Jul 2014",
"2014-07-03", or as "Thursday" in a report the source dates within the week
after; "July 2014" is found as any day of that July. A date no cited source
gives is reported, with the date the source gives in its sentence most like
the claim when it gives one.

## Why it matters
A wrong day or year is easy to write and hard to spot: the claim reads well,
the citation is there, and only the source shows that the event happened on
another day. Checking the archived copy points to the date to correct.

## Example
```wikitext
On 3 July 2014, rebels captured the town of Mayadin.<ref>{{cite web
 |url=http://news.example/mayadin |title=Mayadin falls}}</ref>
```
```archive
["news.example/mayadin"]
status = "archived"
timestamp = "20140710101500"
text = '''
Rebels captured the town of Mayadin on 5 July 2014 after a week of
fighting, residents said. The army withdrew to the airport.'''
```

## Use instead
```wikitext
On 5 July 2014, rebels captured the town of Mayadin.<ref>{{cite web
 |url=http://news.example/mayadin |title=Mayadin falls}}</ref>
```
```archive
["news.example/mayadin"]
status = "archived"
timestamp = "20140710101500"
text = '''
Rebels captured the town of Mayadin on July 5 after a week of
fighting, residents said. The army withdrew to the airport.'''
```

## Options
None.

## Limits
Silent without ``--archive``, and for a claim whose sources were not all read.
A page that names none of the parties the claim names tells another story and
says nothing either way. A source's date must be as precise as the claim's:
"December 2013" does not give "12 December 2013", nor "11–22 May" "19 May";
a year-less date of the source ("July 3") takes the claim's year, so it never
gives a year claimed alone, which is found wherever the source writes it, its
own dateline included. A date in brackets that stands alone ("(June 2018)")
is the editor's as-of note and is not looked for, nor is a relative date
("the next day"); a date resolved from the article's context ("On 9 October"
under a 2014 heading) is looked for as that day. A source that gives the date
only in its URL or a relative word ("yesterday") is not read as giving it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .source_text import absent_hit

CODE = "SUP002"
NAME = "date-not-in-source"
SUMMARY = "A date of a claim that the archived text of its source does not give"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    if facts.archive is None:
        return
    for absent in facts.support.absent("date"):
        yield absent_hit(doc, absent, "date")
