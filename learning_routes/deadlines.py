"""What the leerroutes contribute to the deadline engine (REQ L-01, D-10, D-13; issue 11).

No rules of their own yet: the codes of the `route` fact. `RouteCode` is the one source of
the leerroute codes; the engine checks facts against it and the calculator offers its names.
"""

from cases.deadlines.engine import register_fact_choices

from .constants import RouteCode

register_fact_choices("route", RouteCode.choices)
