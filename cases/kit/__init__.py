"""The case-app kit: one way for every legal-task app to write, show and audit a case.

- `case_change` / `model_update` (kit.change): the unit of work of a write service;
- `case_page`, `service_form`, `case_context` (kit.views): the view side; `same_site_path`
  for every `next` a page sends back (no open redirect);
- `cases/base_case.html` and `cases/kit_form.html`: the page templates;
- `cases.audit.declare` / `record`: the audit vocabulary; `cases.registry.Registry`: hooks;
- `cases.documents`: issued documents (render, hash, store, download).

README, "Een wettelijke taak toevoegen", lists the files of an app and the calls.
"""

from .change import CaseChange, CaseClosed, as_text, case_change, model_update  # noqa: F401
from .views import (  # noqa: F401
    apply_errors,
    case_context,
    case_page,
    get_case_or_404,
    read_as,
    require,
    same_site_path,
    service_form,
)
