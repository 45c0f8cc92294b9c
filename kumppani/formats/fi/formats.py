# Finnish as Django writes it (Kotus: 1.12.2026, klo 9.05), pinned here because tests and people read it.
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space keeps "1 234" on one line
NUMBER_GROUPING = 3
