# English readers here work in Finland, not the US: Django's "12/01/2026" reads as 12 January to most of them.
# A month name is unambiguous to everyone, and the clock is the 24-hour one of the rest of the page.
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
