"""The dashboard's SVG chart (REQ M-01; issue 13: one date format per context, with the year)."""

from datetime import date, timedelta

from cases.charts import line_chart


def test_issue13_chart_dates_carry_the_year_in_the_dutch_short_format():
    days = [date(2026, 9, 3) + timedelta(days=n) for n in range(90)]
    chart = line_chart(days, [("line", "Verlopen", [1] * 90)], y_max=4)
    labels = [label for _x, _y, label in chart.x_ticks]
    assert labels[0] == "3 sep 2026"
    assert labels[-1] == "1 dec 2026"
    assert all(label.endswith("2026") for label in labels)
