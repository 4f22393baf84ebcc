"""The page itself: the template with styles, vis-network, the viewer script and the data inlined."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.text.surrogates import mask_surrogates

_VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``,
    ``<!--`` or line separators can appear, and lone surrogates become U+FFFD.

    >>> script_json({"l": "</script><img src=x>"})
    '{"l":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)
    return mask_surrogates(text)


@cache
def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_js() -> str:
    """vis-network as shipped with pyvis, read from the installed package's files (importing
    pyvis itself would cost a second and pull in IPython)."""
    spec = importlib.util.find_spec("pyvis")
    try:
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("pyvis")
        text = (Path(next(iter(spec.submodule_search_locations))) / _VIS_JS).read_text(encoding="utf-8")
    except FileNotFoundError as e:  # pragma: no cover
        raise KGError("the HTML graph needs pyvis 0.3.2's bundled vis-network: pip install 'pyvis>=0.3.2'") from e
    if re.search(r"</script|<!--", text, re.IGNORECASE):  # pragma: no cover - would end the inline script
        raise KGError(f"pyvis's {_VIS_JS} cannot be inlined safely")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render(payload: dict[str, Any], title: str) -> str:
    """The whole page: template with styles, vis-network, the viewer script and the data inlined."""
    vis_js = _vis_js()
    app_js = _asset("html_viewer.js")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "TITLE": html.escape(mask_surrogates(title)),
        "CSP": html.escape(csp),
        "CSS": _asset("html_viewer.css"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": script_json(payload),
    }
    # one pass, so a placeholder-like string inside the data is never expanded
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _asset("html_viewer.html"))
