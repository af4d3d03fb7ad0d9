"""Screens of the PIP. Every case page is a `cases.kit.case_page`: the scope first (out of
scope → 404 and a denied audit event), then the method (405), then the role (403), and one
read audit event once the page answered; forms go through `service_form`.

- `pages`: the overview, a version, the preview of the beschikking;
- `drafts`: start a draft, edit a theme, establish, discard;
- `beschikking`: the download and the bekendmaking;
- `talks`: voortgangsgesprekken and extensions of the term;
- `duo`: the DUO registration of one case, and administratie's worklist;
- `approval`: four eyes (the approval queue, approve, send back) and herroepen en vervangen;
- `third_party`: waiting for a third party's information before the PIP (D-05 lid 2).
"""

from .approval import approval_queue, approval_refuse, approve, replace  # noqa: F401
from .beschikking import download, made_known  # noqa: F401
from .drafts import discard, draft_start, establish, theme_edit  # noqa: F401
from .duo import WORKLIST_PAGE_SIZE, duo_done, duo_worklist  # noqa: F401
from .pages import detail, preview, version_detail  # noqa: F401
from .talks import extension_create, extension_decide, talk_create  # noqa: F401
from .third_party import third_party_create, third_party_received  # noqa: F401
