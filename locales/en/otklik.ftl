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

## Command line (cli)
cli-calendar-title = Working calendar for { $year } (departures from the usual week):
cli-calendar-fallback-warning = Warning: no official data for { $year }; the calendar follows Labour Code art. 112. Check it against the government decree.
cli-calendar-totals = Working days: { $days }, working hours: { $hours }.
cli-day-working = working day
cli-day-shortened = shortened pre-holiday day
cli-day-working-weekend = working weekend day (transfer)
cli-day-working-weekend-short = working weekend day, shortened
cli-day-holiday = public holiday
cli-day-regional-holiday = regional holiday
cli-day-transfer = day off (transfer)
cli-day-weekend = weekend

## Case card (cards)
net-vk = VKontakte
net-ok = Odnoklassniki
net-telegram = Telegram
net-max = MAX
net-dzen = Dzen
net-youtube = YouTube
net-facebook = Facebook
net-instagram = Instagram
net-other = Other
state-registered = Registered
state-assigned = Assigned
state-in-work = In work
state-on-approval = On approval
state-with-curator = With the curator
state-answered-intermediate = Intermediate answer given
state-answered = Answer published
state-returned = Returned to the curator
state-rejected = Rejected (clause 17)
draft-final = answer
draft-intermediate = intermediate answer
draft-clarification = clarification request
holder-curator = curator
holder-deputy = deputy ({ $unit })
card-title = <b>Case #{ $number }</b> · { $network }
card-class = Topic: { $topic } · Location: { $location } · Importance: { $importance }
card-repeat = A repeat of case #{ $case } (clause 15): the answer must state the measures taken.
card-state = State: { $state } — { $holder }
due-line = Answer due: { $at } ({ $tail })
due-left = { $left } left
due-overdue = overdue by { $late }
due-met = met
due-missed = done { $late } late
due-cancelled = cancelled
card-draft = <b>Draft: { $kind }</b>{ $files ->
    [0] {""}
   *[other] , attachments: { $files }
}
card-history = <b>History</b>
ev-registered = registered
ev-assigned = assigned to { $unit }
ev-assigned-co = co-executor: { $unit }
ev-accepted = accepted by { $unit }
ev-returned = returned to the curator: { $reason }
ev-contribution = information from { $unit }
ev-draft = draft prepared ({ $kind })
ev-approved = approved by the deputy
ev-sent-back-deputy = sent back by the deputy: { $comment }
ev-sent-back-curator = sent back by the curator: { $comment }
ev-published = published ({ $kind })
ev-rejected = rejected under clause 17: { $reason }

## Card buttons (keyboards)
btn-accept = ✅ Accept
btn-return = ↩️ Return to the curator
btn-write-final = ✍️ Write the answer
btn-write-intermediate = Intermediate answer
btn-write-clarification = Clarification request
btn-contribute = 📎 Send information
btn-approve = ✅ Approve
btn-send-back = ↩️ Send back
btn-reassign = 🔀 Reassign
btn-published = 📢 Published
btn-without-link = No link
btn-cancel = Cancel

## Presses and refusals (actions)
press-unknown = This button no longer works.
press-done = Done.
press-write = Waiting for your reply.
press-choose-unit = Choose a unit.
press-failed = A failure got in the way. Please try again in a minute.
input-cancelled = Cancelled.
refused-stale = This button is out of date: the case has changed.
refused-wrong-state = This button is out of date: the case is now “{ $state }”.
refused-already-done = This is already done.
refused-role = Only the “{ $role }” role can do this.
refused-not-your-unit = The case is not assigned to your unit.
refused-not-your-deputy-unit = You do not supervise the unit that holds this case.
refused-return-window = Too late to return: the 30 working minutes ended at { $due }. Please contact the curator.
refused-empty = A text is required.
refused-too-long = The text is longer than { $max } characters. Please shorten or split it.
refused-no-units = Choose at least one unit.
refused-duplicate-unit = A unit is chosen twice.
refused-draft-kind = After an intermediate answer a final answer is due.
refused-unknown-person = You are not in the directory or are deactivated.
refused-invalid = Please check: there is no such entry.
ask-return-reason = Case #{ $number }: write why it is not your unit's matter.
ask-send-back-comment = Case #{ $number }: write what to improve.
ask-draft-final = Case #{ $number }: send the answer text in one message. You may attach a photo, video or document.
ask-draft-intermediate = Case #{ $number }: send the intermediate answer (the final one is due within 7 working days).
ask-draft-clarification = Case #{ $number }: send the clarification request to the author.
ask-contribution = Case #{ $number }: send the information on your part of the question.
ask-publish-link = Case #{ $number }: send the link to the published answer, or press “No link”.
ask-reason = Case #{ $number }: write the reason.
role-admin = admin
role-curator = curator
role-executor = executor
role-deputy = deputy head
role-coordinator = coordinator
role-controller = controller

## Monthly summary (report)
report-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
report-month-in = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
report-title = Monthly summary: { $month }
report-empty = There were no posts in { $month }.
report-cases = Cases worked on: { $n } (registered this month { $new }, the previous month { $previous })
report-on-time = Answered on time: { $share } ({ $on_time } of { $rated })
report-late = Answered late: { $n }
report-overdue = Overdue, unanswered: { $n }
report-open = Open at the month's end: { $n }
report-final-overdue = Final answer overdue (п.13): { $n }
report-answer-time = Time to answer: median { $median }, 90% within { $p90 }
report-returns = Returns (п.9): { $n }, slow reassignments: { $delays }
report-sent-back = Sent back: by the deputy { $deputy }, by the curator { $curator }
report-quality = Intermediate answers: { $intermediate } · repeats (п.15): { $repeats } · rejected (п.17): { $rejected }
report-attention = Need attention
report-attention-none = Every unit answered on time.
report-unit-share = on time { $share }
report-unit-late = late { $n }
report-unit-overdue = overdue { $n }
report-unit-final-overdue = final answer overdue { $n }
report-unit-reassign = slow reassignment { $n }
report-and-more = …and { $n } more
report-topics = Topics: this month / previous
report-dynamics-line = { $key }: { $current } / { $previous }
report-footer = Details are in the spreadsheet and the chart.
report-duration-hm = { $h } h { $m } min
report-duration-h = { $h } h
report-duration-m = { $m } min
report-none = —
report-unit-none = No unit
report-unit-unknown = Unit #{ $id }
report-network = { $code ->
    [vk] VK
    [ok] Odnoklassniki
    [telegram] Telegram
    [max] MAX
    [dzen] Dzen
    [youtube] YouTube
    [facebook] Facebook
    [instagram] Instagram
   *[other] Other
}
report-state = { $state ->
    [registered] Registered
    [assigned] Assigned
    [in_work] In work
    [on_approval] On approval
    [with_curator] With the curator
    [answered_intermediate] Intermediate answer given
    [answered] Answered
    [returned] Returned
    [rejected] Rejected (п.17)
   *[other] { $state }
}
report-chart-units = Cases per unit
report-chart-on-time = on time
report-chart-late = late
report-chart-overdue = overdue
report-chart-pending = within term
report-chart-topics = Topics: { $current } and { $previous }
report-chart-count = Cases
report-chart-empty = No posts
report-sheet-summary = Summary
report-sheet-units = Units
report-sheet-cases = Cases
report-sheet-dynamics = Dynamics
report-fig-month = Month
report-fig-unit = Unit
report-fig-cases = Cases worked on
report-fig-on-time = Answered on time (п.10)
report-fig-late = Answered late
report-fig-overdue = Overdue, unanswered
report-fig-pending = Unanswered, within term
report-fig-open = Open at the month's end
report-fig-final-overdue = Final answer overdue (п.13)
report-fig-share = Share answered on time
report-fig-median = Median time to answer, working min
report-fig-p90 = 90th percentile time to answer, working min
report-fig-returns = Returns (п.9)
report-fig-reassign = Slow reassignments (п.9)
report-fig-sent-back-deputy = Sent back by the deputy
report-fig-sent-back-curator = Sent back by the curator
report-fig-intermediate = Intermediate answers (п.13)
report-fig-repeats = Repeats (п.15)
report-fig-rejected = Rejected under п.17
report-fig-registered = Registered this month
report-fig-registered-previous = Registered the previous month
report-share-note = Share on time = on time / (on time + late + overdue unanswered). A case counts for the unit responsible for it at the month's end; a return and a slow reassignment count for the unit that returned it.
report-total = Total
report-col-number = No.
report-col-link = Link
report-col-network = Network
report-col-topic = Topic
report-col-location = Location
report-col-importance = Importance
report-col-state = State at the month's end
report-col-registered = Registered
report-col-due = Answer due
report-col-answered = Answer published
report-col-on-time = On time
report-col-lateness = Lateness, working min
report-col-repeat = Repeat
report-col-current = This month
report-col-previous = Previous month
report-col-change = Change
report-yes = yes
report-no = no
