"""The deadline domain (REQ D-01 … D-15, M-01, issue 4), one package along its sub-domain:

- `engine`: pure rules over a case's `Facts`, the rule and facts-provider registries;
- `facts`: the facts the case itself records (its fields, its phase history);
- `models`: stored deadlines, notices (termijnmeldingen), daily snapshots, scan runs;
- `selectors`, `services`: reads and writes (panel, inbox, dashboard; recompute, scan, digests);
- `forms`, `views`: the calculator, the meldingen inbox and the team-lead dashboard.

`CasesConfig.ready` runs `autodiscover_modules("deadlines")`, which imports `<app>.deadlines`
for every app: for the other apps their `deadlines.py`, for cases this package. Importing it
registers the case's own facts providers (before any other app's, as cases comes first).
"""

from . import facts  # noqa: F401  registers the case's facts providers
