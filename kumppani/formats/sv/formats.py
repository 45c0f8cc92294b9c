# Swedish as Django writes it: ISO dates (2026-12-01) and a 24-hour clock, unambiguous to every reader.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space keeps "1 234" on one line
NUMBER_GROUPING = 3
