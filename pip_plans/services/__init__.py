"""Writes of the PIP (REQ P-01 … P-06, D-06, D-07, D-15, C-04, C-08).

Each write is one unit of work of the case-app kit (`cases.kit.case_change`): the case row
locked, a closed case refused where the act has no business on it, timeline and audit event
with field history in the same transaction, the deadline recompute once after the commit.

- `drafts`: start a draft, save a theme, discard;
- `establish`: establish a draft and issue its beschikking; four eyes (submit, approve,
  refuse) and herroepen en vervangen (issue 13);
- `beschikking`: its PDF and its bekendmaking;
- `third_party`: waiting for a third party's information (D-05 lid 2);
- `talks`: voortgangsgesprekken; `extensions`: extensions of the term; `duo`: DUO registration;
- `reads`: the reads the writes rely on (latest established version, the term).
"""

from ._common import (  # noqa: F401
    KIND_APPROVAL,
    KIND_DISCARDED,
    KIND_DRAFT,
    KIND_DUO,
    KIND_ESTABLISHED,
    KIND_EXTENSION,
    KIND_MADE_KNOWN,
    KIND_TALK,
    KIND_THIRD_PARTY,
    KIND_WITHDRAWN,
    SOURCE,
)
from .beschikking import (  # noqa: F401
    LETTER_TEMPLATE,
    beschikking_pdf_bytes,
    beschikking_record_made_known,
    beschikking_render,
)
from .drafts import (  # noqa: F401
    pip_draft_discard,
    pip_draft_start,
    pip_replacement_start,
    pip_version_update,
)
from .duo import duo_registration_done  # noqa: F401
from .establish import (  # noqa: F401
    PrerequisitesMissing,
    establish_blockers,
    may_approve,
    needs_approval,
    pip_approval_refuse,
    pip_approve,
    pip_establish,
    pip_submit_for_approval,
)
from .extensions import term_extension_decide, term_extension_record_request  # noqa: F401
from .reads import (  # noqa: F401
    current_term,
    first_dagtekening,
    granted_extensions,
    latest_established,
)
from .talks import progress_talk_record  # noqa: F401
from .third_party import third_party_received_record, third_party_request_record  # noqa: F401
