"""Screens of the brede intake and the leerbaarheidstoets, on the case-app kit: every case
page is a `cases.kit.case_page` (scope → 404 with a `denied` event, method → 405, role → 403,
then one read audit event), every form page goes through `service_form`. Thin: parse, call,
render. Modules: `intake` (the brede intake), `toets` (the leerbaarheidstoets), `planning`."""
