"""`make bench`: a synthetic national-scale database and the measurements against it (issue 8).

Run `python -m bench --help`. Nothing here is imported by the application.
"""
