# Otklik — interface texts (English, the second language).
# Each section belongs to its part of the program; add keys to your own section.

## Common units of time
unit-minutes = { $n } { $n ->
    [one] minute
   *[other] minutes
}
unit-hours = { $n } { $n ->
    [one] hour
   *[other] hours
}
unit-days = { $n } { $n ->
    [one] day
   *[other] days
}
