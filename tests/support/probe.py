"""The command run in a fresh interpreter and measured from inside it: what it imported, what it compiled.

``probe_script`` runs ``auditor`` with the arguments after the script, ``setup`` first, and writes the value
of ``measure`` as JSON on the last line of stderr, where ``measured`` reads it back.
"""

from __future__ import annotations

import json
from typing import Any

_TEMPLATE = """
import json, runpy, sys
{setup}
sys.argv = ["auditor", *sys.argv[1:]]
try:
    runpy.run_module("auditor", run_name="__main__")
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\n" + json.dumps({measure}))
"""


def probe_script(setup: str, measure: str) -> str:
    return _TEMPLATE.format(setup=setup, measure=measure)


def measured(stderr: str) -> Any:
    return json.loads(stderr.rsplit("\n", 1)[1])
