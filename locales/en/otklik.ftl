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

## Terms from the configuration (clauses 9–14): "due in 2 working hours", "within 2 working hours"
term-minutes = { $n } { $n ->
    [one] working minute
   *[other] working minutes
}
term-hours = { $n } { $n ->
    [one] working hour
   *[other] working hours
}
term-days = { $n } { $n ->
    [one] working day
   *[other] working days
}
term-within-minutes = { $n } { $n ->
    [one] working minute
   *[other] working minutes
}
term-within-hours = { $n } { $n ->
    [one] working hour
   *[other] working hours
}
term-within-days = { $n } { $n ->
    [one] working day
   *[other] working days
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
card-state-closed = State: { $state }
due-line = Answer due: { $at } ({ $tail })
due-line-final = Final answer due (clause 13): { $at } ({ $tail })
due-line-contribution = Your unit's information due (clause 14): { $at } ({ $tail })
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
card-contributions = <b>Co-executors' information (clause 14)</b>
card-contribution = • { $unit }, { $at }{ $files ->
    [0] {""}
   *[other] , attachments: { $files }
}:
ev-registered = registered
ev-assigned = assigned to { $unit }
ev-assigned-co = co-executor: { $unit }
ev-accepted = accepted by { $unit }
ev-returned = returned to the curator: { $reason }
ev-contribution = information from { $unit }
ev-contribution-requested = information requested from { $unit } (clause 14, in turn)
ev-draft = draft prepared ({ $kind })
ev-approved = approved by the deputy
ev-sent-back-deputy = sent back by the deputy: { $comment }
ev-sent-back-curator = sent back by the curator: { $comment }
ev-published = published ({ $kind })
ev-rejected = rejected under clause 17: { $reason }
ev-rejected-plain = rejected under clause 17

## Card buttons (keyboards)
btn-accept = ✅ Accept
btn-return = ↩️ Return to the curator
btn-write-final = ✍️ Write the answer
btn-write-final-after-intermediate = ✍️ Write the final answer
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
refused-not-your-turn = Your unit's turn has not come yet: the request comes when the co-executor before you sends their information (clause 14).
refused-role = Only the “{ $role }” role can do this.
refused-not-your-unit = The case is not assigned to your unit.
refused-not-your-deputy-unit = You do not supervise the unit that holds this case.
refused-return-window = Too late to return: the time for a return (clause 9) is over. Please contact the curator.
refused-empty = A text is required.
draft-needs-text = The answer needs text: send it in one message, with the photo or document captioned by that text.
album-not-awaited = Files received, but I am not waiting for any. To attach photos, videos or documents to an answer, press the answer button on the case card and send them with the text.
album-item-late = This file arrived after the answer was accepted and is not attached to it. Send the answer again with all its files if it is needed.
refused-too-long = The text is longer than { $max } characters. Please shorten or split it.
refused-no-units = Choose at least one unit.
refused-duplicate-unit = A unit is chosen twice.
refused-draft-kind = After an intermediate answer a final answer is due.
refused-unknown-person = You are not in the directory or are deactivated.
refused-invalid = Please check: there is no such entry.
ask-return-reason = Case #{ $number }: write why it is not your unit's matter.
ask-send-back-comment = Case #{ $number }: write what to improve.
ask-draft-final = Case #{ $number }: send the answer text in one message. You may attach a photo, video or document.
ask-draft-intermediate = Case #{ $number }: send the intermediate answer (the final one is due within { $term } of its publication, clause 13).
ask-draft-clarification = Case #{ $number }: send the clarification request to the author.
ask-draft-final-after-intermediate = Case #{ $number }: send the final answer (clause 13, due { $due }). You may attach a photo, video or document.
ask-draft-repeat = This post repeats case #{ $case } (clause 15): state in the answer the measures taken on the first post.
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
report-title-as-of = Monthly summary: { $month }, as of { $at } (the month is not over)
report-empty = There were no posts in { $month }.
report-cases = Cases worked on: { $n } (registered this month { $new }, the previous month { $previous })
report-on-time = Answered on time: { $share } ({ $on_time } of { $rated })
report-late = Answered late: { $n }
report-overdue = Overdue, unanswered: { $n }
report-open = Open at the month's end: { $n }
report-open-as-of = Open as of { $at }: { $n }
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
report-duration-under-minute = under a minute
report-month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $year }
report-approval = Approved at the first attempt: { $share } of answers ({ $first } of { $answers }) · with photo/video (п.16): { $media } · deficiency notices (п.19): { $notices }
report-unit-quality = first attempt { $first } · sent back: deputy { $deputy }, curator { $curator } · photo/video { $media } of { $answers } · returns { $returns } · п.19: { $notices } · median { $median }
report-chart-attention = need attention
report-chart-col-on-time = on time
report-chart-col-first = first attempt
report-chart-col-rework = sent back deputy/curator
report-chart-col-media = with photo/video
report-chart-col-returns = returns (п.9)
report-chart-col-notices = notices (п.19)
report-chart-col-median = median to answer
report-chart-more = …and { $n } more — see the spreadsheet
report-chart-trend = Dynamics over 12 months
report-chart-registered = posts registered
report-chart-share = answered on time, %
report-fig-answers = Answers published
report-fig-first-attempt = Approved at the first attempt
report-fig-first-share = Share approved at the first attempt
report-fig-media = Answers with photo/video (п.16)
report-fig-notices = Deficiency notices (п.19)
report-trend-title = By month
report-col-month = Month
report-trend-note = The on-time share of past months comes from the summaries stored as each month closed; an empty cell means no summary was made for that month.
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
report-chart-units = Timeliness and quality per unit
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
reply-accepted = Received.
reply-not-a-link = That does not look like a link. Send an address like https://… or press “No link”.

## Lists and help (lists)
case-usage = Give the case number: /case 12
case-not-found = The case was not found or is not available to you.
group-pointer = The bot works with cases only in a private chat: message @{ $bot } directly.
my-title = { $count ->
    [one] You have { $count } open task
   *[other] You have { $count } open tasks
}
my-title-over = You have more than { $count } open tasks
my-empty = No open tasks.
overdue-title = { $count ->
    [one] { $count } case is overdue
   *[other] { $count } cases are overdue
}
overdue-title-over = More than { $count } cases are overdue
overdue-empty = No overdue cases.
refused-overseer = The overdue list is for the curator, coordinator, controller and admin.
btn-open = Open #{ $number }
list-more = …and { $count } more.
list-more-over = …and more than { $count } others.
help-title = Hello, { $name }! What you can do:
help-curator = <b>Curator.</b> Send a link to a post (or forward a channel post): the bot asks for topic, location, importance and units and sends the case out. Reassign returned cases with “Reassign”; publish approved answers and press “Published”.
help-executor = <b>Executor.</b> New case cards arrive here: “Accept” or “Return to the curator” (within { $term }). Then “Write the answer”: send the text, optionally with a photo, video or document.
help-deputy = <b>Deputy.</b> Your units' drafts arrive for approval: “Approve” or “Send back” with a comment.
help-coordinator = <b>Coordinator.</b> /overdue: overdue cases; /report YYYY-MM: the monthly summary (clause 20).
help-controller = <b>Controller.</b> Deadline breach notices (clause 19) arrive here; /overdue: overdue cases.
help-admin = <b>Admin.</b> /invite role [unit]: an invite link; /people, /units, /lists: the directory; /set: changes.
help-common = /my: my tasks · /case N: a case card · /cancel: cancel input
help-commands = <b>Commands:</b>

## Notices
notice-assignment = 📥 <b>A new post for your unit</b> (case #{ $number }). Accept it, or return it to the curator within { $term }.
notice-assignment-deputy = 📥 <b>A new post for “{ $unit }”</b>, a unit you supervise (case #{ $number }). For your information: the executor accepts it, and the draft answer will come to you for approval.
notice-deputy-also = In this case you also supervise: { $units }.
notice-contribution-request-deputy = 📥 “{ $unit }”, a unit you supervise, is a co-executor of case #{ $number } (clause 14). For your information: its part is due in { $term }.
notice-contribution-request = 📥 <b>Your unit's information is needed</b> for case #{ $number } (clause 14): due in { $term }.
notice-returned = ↩️ Case #{ $number } was returned by “{ $unit }”: { $reason }. Assign a new executor within { $term }.
notice-contribution = 📎 Information for case #{ $number } from “{ $unit }”:
notice-draft-for-approval = 📝 <b>A draft answer for approval</b> (case #{ $number }).
notice-draft-for-publication = 📢 <b>An approved draft: please publish it</b> (case #{ $number }, clause 12: within { $term }).
notice-sent-back-deputy = ↩️ The deputy sent back the draft for case #{ $number }: { $comment }
notice-sent-back-curator = ↩️ The curator sent back the draft for case #{ $number }: { $comment }
notice-published = ✅ The answer for case #{ $number } is published.
notice-published-intermediate = ✅ An <b>intermediate</b> answer for case #{ $number } is published. Write the final answer (clause 13): due { $due }.
notice-published-intermediate-deputy = ✅ An intermediate answer for case #{ $number } is published. The final answer (clause 13) is due { $due }.
notice-rejected = ⛔ Case #{ $number } is rejected under clause 17 and needs no answer.
notice-reminder = ⏰ Reminder for case #{ $number }: the “{ $deadline }” deadline (clause { $clause }) is { $at }: { $left }.
notice-breach = ⚠️ <b>Deadline breach (clause 19)</b>
    Case #{ $number }: { $link }
    Unit: { $unit }
    Executor: { $person }
    Deadline “{ $deadline }” (clause { $clause }): { $at }
    Late (working time): { $late }
notice-nobody-accepted = nobody accepted
notice-just-due = the deadline has just passed
notice-unreachable = ⚠️ { $name } cannot be reached by the bot (blocked it or never started it): notifications do not reach them. Ask them to open the bot and press Start — what they missed will arrive then.
notice-digest = { $count ->
    [one] ⚠️ While the bot was down, { $count } deadline passed:
   *[other] ⚠️ While the bot was down, { $count } deadlines passed:
}
notice-digest-breach = • case #{ $number }: “{ $deadline }”, late by { $late }
notice-digest-reminder = • case #{ $number }: “{ $deadline }” is close
dl-return-window = return by the executor
dl-reassign = reassignment
dl-answer = answer
dl-draft = draft to the curator
dl-publish = publication
dl-final = final answer
dl-contribution = co-executor's information
cli-migrated = The database is up to date and the directory is applied.
cli-no-token = The bot token is missing: set the TELOXIDE_TOKEN environment variable (@BotFather issues it). The configuration and the database are fine.
cli-second-poller = Another Otklik instance is already long polling with this database. Two pollers would steal each other's updates; for several replicas use webhooks (--webhook-url, --listen) and PostgreSQL.
cli-removals-refused = The configuration { $origin } would remove { $count } people from the directory: { $names }{ $vital }. Nothing was changed. If that is intended, repeat the command with { $flag }.
cli-removals-more = {" "}and { $count } more
cli-removals-last = ; nobody would be left as { $roles }
cli-no-config = No configuration file given (--config or OTKLIK_CONFIG): the directory in the database stays as it is.
cli-bad-role = Unknown role "{ $role }": give one of admin, curator, executor, deputy, coordinator, controller.
cli-unit-only-executor = --unit is only for the executor role.
cli-executor-needs-unit = An executor's invite needs their unit: --unit "name".
cli-unknown-unit = The configuration has no unit "{ $unit }"; units: { $units }.
cli-ttl-zero = --ttl-hours must be greater than zero.
cli-bad-month = --month must look like YYYY-MM (e.g. 2026-10), got "{ $month }".
cli-bad-webhook-url = --webhook-url must be an https://… address (or http:// behind a proxy), got "{ $url }".
cli-listen-taken = Cannot listen on { $addr } (--listen): { $cause }. Pick a free port or stop the process that holds it.
cli-token-refused = Telegram refused the bot token (401): check TELOXIDE_TOKEN (@BotFather issues it).
cli-telegram-unreachable = Telegram is not reachable: { $cause }
cli-pg-unreachable = PostgreSQL at { $host }:{ $port } is not reachable: { $cause }
cli-db-failed = Cannot open the database { $url }: { $cause }
cli-sqlite-no-dir = Cannot open the SQLite database { $path }: the folder { $dir } does not exist. Create it (mkdir -p { $dir }) or point DATABASE_URL elsewhere.
cli-stopped-while-waiting = Stopped by a signal before starting.
cli-calendar-due-fallback = Note: the deadline falls in { $years }, which has no official production calendar yet; the Labour Code (art. 112) fallback was used.
cli-calendar-beyond = The deadline falls beyond the supported years { $first }–{ $last }.
cli-webhook-deleted = Webhook deleted: Telegram no longer sends updates to the replicas' address.
check-ok = ✓ { $what }: { $detail }
check-failed = ✗ { $what }: { $detail }
check-config = configuration
check-database = database
check-token = Telegram token
check-config-detail = { $origin }: { $people } people, { $units } units
check-config-none = no file given, defaults in use
check-database-detail = { $backend }, schema up to date
check-database-behind = { $backend }: schema out of date, run otklik migrate
check-token-detail = bot @{ $username }
weekday-mon = Mon
weekday-tue = Tue
weekday-wed = Wed
weekday-thu = Thu
weekday-fri = Fri
weekday-sat = Sat
weekday-sun = Sun
report-refused = The summary is for the coordinator, curator, controller and admin.
report-usage = Give the month as YYYY-MM, e.g. /report 2026-11

## Intake
intake-title = <b>Registering a post</b>
intake-link = Link: { $link }
intake-network = Source: { $network }
intake-topic = Topic: { $value }
intake-location = Location: { $value }
intake-importance = Importance: { $value }
intake-units = Units: { $units }
intake-deputy = deputy { $name }
intake-no-deputy = ⚠ no deputy assigned
intake-unit-responsible = { $unit } (responsible, { $deputy })
intake-unit-co = { $unit } ({ $deputy })
intake-p17-warning = ⚠ The text contains { $found }. The post may be rejected under clause 17.
intake-p17-threat = threats
intake-p17-obscene = obscene language
intake-p17-insult = insults
intake-queue = { $n ->
    [one] { $n } more link is queued.
   *[other] { $n } more links are queued.
}
intake-ask-topic = Choose the topic:
intake-ask-location = Choose the location:
intake-ask-importance = Choose the importance:
intake-ask-units = Choose the units (several allowed; the first chosen is responsible), then press «Next». ⚠ marks a unit without a deputy.
intake-ask-confirm = Check and send to the units.
intake-list-empty = The list is empty. Ask an admin to fill it in (/lists).
intake-btn-cancel = Cancel
intake-btn-next = Next ›
intake-btn-confirm = ✅ Send
intake-btn-reject = ⛔ Reject (clause 17)
intake-order-parallel = The co-executors prepare their information at the same time (clause 14).
intake-order-sequential = The co-executors prepare their information in turn (clause 14): { $units }.
intake-btn-order-sequential = ⇣ Co-executors in turn
intake-btn-order-parallel = ⇉ Co-executors at the same time
intake-btn-repeat = Repeat of case #{ $number }
intake-btn-open = Open case #{ $number }
intake-repeat = A repeat of case #{ $number } (clause 15).
intake-duplicate = This post is already registered: case #{ $number }.
intake-done = ✅ Case #{ $number } is registered and sent to: { $units }.
intake-rejected = ⛔ Case #{ $number } is registered and rejected under clause 17: { $reason }.
intake-reject-reason = { $found }
intake-reject-reason-plain = by the curator's decision
intake-cancelled = Registration cancelled: { $link }
intake-queued = The link is queued ({ $n } waiting). Finish the registration above first.
intake-stale = This button is out of date.
intake-choose-unit = Choose at least one unit.
intake-refused = Only a curator can register posts.
intake-private-only = Register posts in a private chat with the bot.
intake-ask-link = Send the post's link: /new https://vk.com/wall-1_2 — or just send the link (several are fine) or forward a channel post.
intake-hint-curator = There is no link in the message. Send the post's link or forward a channel post. All commands: /help.
intake-hint = I work with commands and buttons. All commands: /help.
intake-forward-no-link = A forwarded message has no address unless it is a channel post. For other sources, send the link.

## Start and invites
cmd-start = Start, or join with an invite
cmd-new = Register a post by its link
cmd-my = My tasks, most urgent first
cmd-case = A case card: /case N
cmd-overdue = Overdue cases
cmd-report = Monthly summary: /report YYYY-MM
cmd-help = What I can do
cmd-cancel = Cancel the input
cmd-settings = Where notices go
cmd-invite = An invite: /invite role [unit]
cmd-people = People and their roles
cmd-units = Units and deputies
cmd-lists = Topics, locations, importance
cmd-set = Change the directory: /set
start-hello = Hello, { $name }!
start-roles = Your roles: { $roles }.
start-no-roles = No roles yet — please ask an admin.
start-do-curator = • Curator: send a post's link (or forward a channel post) to register it.
start-do-executor = • Executor: your unit's cases arrive as cards with «Accept» and «Return».
start-do-deputy = • Deputy: draft answers of your units come to you for approval.
start-do-coordinator = • Coordinator: you see every case; the monthly summary comes by itself (/report).
start-do-controller = • Controller: deadline breach notices (clause 19) come here.
start-do-admin = • Admin: people, units and lists — /people, /units, /lists, /invite, /set.
start-help = Commands are in the menu and in /help.
start-invite-accepted = The invite is accepted.
start-welcome = Welcome to Otklik!
stranger-hello = Hello! This is the administration's work bot for its staff. To join, ask an admin for an invite link.
stranger-press = No access.
invite-unknown = Invite not found. Check the link or ask an admin for a new one.
invite-expired = The invite has expired. Ask an admin for a new one.
invite-used = This invite was already used. Ask an admin for a new one.
invite-failed = Could not accept the invite. Please try again a bit later.

## Admin
admin-refused = Only an admin can use this command.
admin-private-only = This command works only in a private chat with the bot.
admin-people-title = <b>People</b> ({ $n } active)
admin-no-roles = no roles
admin-tg-ok = Telegram connected
admin-tg-none = no Telegram (needs an invite: /invite name)
admin-tg-none-on-max = not on Telegram
admin-tg-unreachable = ⚠ the bot cannot reach them
admin-max-ok = on MAX
admin-inactive = (deactivated)
admin-units-title = <b>Units</b> ({ $n } active)
admin-unit-deputy = deputy { $name }
admin-unit-no-deputy = ⚠ no deputy assigned
admin-unit-executors = { $n ->
    [one] { $n } executor
   *[other] { $n } executors
}
admin-list-empty = (empty)
admin-lists-topics = <b>Topics</b>: { $items }
admin-lists-locations = <b>Locations</b>: { $items }
admin-lists-importance = <b>Importance</b>: { $items }
admin-lists-hint = To add or remove: /set topic+ Name, /set location- Name, /set importance+ Name.
admin-list-topics = topics
admin-list-locations = locations
admin-list-importance = importance
admin-set-usage = How to change the directory (a name as in /people, or #number):
    /set role Ivanova A.S. = curator, admin
    /set unit Petrov P.P. = Housing unit   (or = - to remove)
    /set deputy Housing unit = Sidorov V.V.
    /set unit+ Roads unit = Sidorov V.V.
    /set topic+ Ecology   /set topic- Ecology
    /set location+ New village   /set importance+ Urgent
    /set off Petrov P.P.
    Roles: admin, curator, executor, deputy, coordinator, controller.
admin-unknown-role = Unknown role «{ $word }». Roles: admin, curator, executor, deputy, coordinator, controller.
admin-roles-set = Done. { $name }: { $roles }.
admin-hint-unit = An executor needs a unit: /set unit { $name } = Unit name
admin-unit-set = Done. { $name } — { $unit }.
admin-unit-cleared = Done. { $name } is no longer in a unit.
admin-deputy-set = Done. { $name } supervises «{ $unit }».
admin-unit-added = Done. Unit «{ $unit }» added, supervised by { $name }.
admin-unit-added-no-deputy = Done. Unit «{ $unit }» added. Assign a deputy: /set deputy { $unit } = Name
admin-entry-added = Done. Added to { $list }: { $name }.
admin-entry-exists = «{ $name }» is already in { $list }.
admin-entry-removed = Done. Removed from { $list }: { $name }. Registered cases keep it.
admin-entry-missing = { $list } has no «{ $name }».
admin-off-self = You cannot deactivate yourself.
admin-already-off = { $name } is already deactivated.
admin-off-done = Done. { $name } is deactivated; their case history stays.
admin-off-orphans = ⚠ Units left without a deputy: { $units }. Assign one: /set deputy Unit = Name
admin-last-admin = The last admin cannot lose the admin role.
admin-person-not-found = Person «{ $name }» not found.
admin-did-you-mean = Perhaps: { $names }
admin-not-deputy = { $name } does not have the deputy role. First: /set role { $name } = deputy
admin-unit-not-found = Unit «{ $unit }» not found. Units: { $units }
admin-invite-usage = How to invite:
    /invite curator — a new person with a role
    /invite executor Housing unit — an executor of a unit
    /invite Petrov P.P. — a directory person not yet on Telegram or MAX
admin-invite-need-unit = For an executor, name the unit: /invite executor Housing unit
admin-invite-made = Invite: { $whom }. Valid for { $hours } h, once. Forward the link to the person:
    { $link }
admin-invite-link = { $messenger }: { $link }

## MAX front end
max-hello = Your case cards and notices come to MAX; the buttons on cards work as in Telegram. A curator registers a post by sending its link. /my — your cases, /case N — a case card, /overdue — late cases, /report — the monthly summary, /settings — where notices go, /help — all your commands.
max-not-yet = In MAX, case cards work with their buttons, replies to cases (text, photos, videos and documents), registering posts by link, /my, /case, /overdue, /report, /notice, /settings and the admin commands (/help lists yours).
max-stranger = Hello! This bot is for the administration's staff. Ask an administrator to add your MAX ID to the directory.
settings-messenger-title = Where should notices go?
settings-messenger-telegram = To Telegram
settings-messenger-max = To MAX
settings-messenger-last = Where I wrote last
settings-messenger-saved = Notices will go to { $messenger }.
settings-messenger-saved-last = Notices will go where you last wrote to the bot.
settings-messenger-missing = The directory has no { $messenger } account of yours; nothing changed.

## Candidate posts from chats and communities (issue 13)
cand-head = 🔔 Possible citizen post — { $place }
cand-head-vk = 🔔 Possible citizen post on VK — { $place }
cand-signal = Signal: “{ $signal }”
cand-watched = Watched chat: every message is taken.
cand-suggested = Suggested: { $list }
cand-s-topic = topic “{ $value }”
cand-s-location = location “{ $value }”
cand-s-importance = importance “{ $value }”
cand-s-unit = unit “{ $value }”
cand-same-case = ⚠️ This post is already registered: case #{ $number }.
cand-repeat = ↩️ Possibly a repeat of case #{ $number } (cl. 15).
cand-btn-register = Register
cand-btn-skip = Skip
cand-btn-open = { $n }. Open
cand-digest-head = 🔔 Possible citizen posts gathered during the pause: { $count }
cand-skipped = Skipped.
cand-registered = ✅ Registered: case #{ $number }.
cand-settled = This post has already been dealt with.
cand-busy = Finish the registration you started first.
cand-gone = Post not found.

# Causes of failures named by the operating system (one language per line).
cause-not-found = no such file or folder
cause-permission-denied = permission denied
cause-connection-refused = connection refused
cause-connection-reset = connection reset
cause-timed-out = timed out
cause-addr-in-use = address already in use
cause-addr-not-available = no such address on this machine
cause-is-a-directory = it is a folder, not a file
cause-not-a-directory = a part of the path is not a folder
cause-unreachable = network or host unreachable
cause-read-only = read-only file system
cause-storage-full = no space left on the disk
cause-no-answer = no answer within { $secs } s
cli-config-unreadable = Cannot read the configuration file { $path }: { $cause }

## Publishing from the bot (issue 13, п.12)
pub-btn-bot = 📤 Publish from the bot
pub-done = The answer to case #{ $number } is published by the bot: { $link }
pub-files-left = Could not attach to the answer: { $files }. Add them by hand.
pub-file = { $kind ->
    [photo] photo
    [video] video
   *[document] document
} #{ $position }
pub-failed = Could not publish the answer to case #{ $number }: the network did not accept the message. The case stays open: try again, or publish by hand and press “Published”.
pub-unknown = The answer to case #{ $number } is being published, or an earlier attempt was cut short. Check the discussion: if the answer is not there, publish it by hand and press “Published”.
pub-unreachable = The bot cannot reply where the post is. Publish the answer by hand.

## Cards a case moved past, redrawn without buttons (issue 9, SPEC §6)
card-left-closed = ⏹ Case #{ $number } is closed. The buttons of this card no longer work.
card-left-reassigned-away = ⏹ Case #{ $number } was given to another unit. The buttons of this card no longer work.
card-left-returned = ⏹ Case #{ $number } was returned to the curator. The buttons of this card no longer work.
card-left-draft-replaced = ⏹ The draft for case #{ $number } was sent back for rework; the new one will come separately. The buttons of this card no longer work.
card-left-changed = ⏹ Case #{ $number } has changed. The buttons of this card no longer work.
card-left-prompt = No reply to this request is needed any more.
notice-reassigned-away = The curator gave case #{ $number } to another unit. Nothing more is needed on it from «{ $unit }».

## Clause 17 at any stage before publication (issue 9)
btn-reject-p17 = ⛔ Reject (clause 17)
press-choose-p17-ground = Choose the clause 17 ground.
p17-ground-threat = threats to life or health
p17-ground-obscenity = obscene language
p17-ground-insult = insulting language
p17-ground-harm = intention to harm another person
ask-p17-comment = Case #{ $number } will be rejected under clause 17: { $ground }. Write a comment or press «No comment».
btn-p17-no-comment = No comment

## п.19 by hand: a deficiency notice to the controller
cmd-notice = Notify the controller (п.19): /notice [case number]
deficiency-usage = Give the case number: /notice 12 — or just /notice to pick a unit.
deficiency-no-unit = Case №{ $number } has no unit to report on.
deficiency-choose-unit = Which unit's shortcomings should the controller be notified of (п.19)?
deficiency-ask = Deficiency notice to the controller (п.19) about unit «{ $unit }»: send the text in one message. Cancel — /cancel.
deficiency-ask-case = Deficiency notice to the controller (п.19) about unit «{ $unit }» on case №{ $number }: send the text in one message. Cancel — /cancel.
deficiency-sent = The deficiency notice about unit «{ $unit }» was sent to the controller (п.19).
notice-deficiency = 📝 <b>Deficiency notice (п.19)</b>
    Unit: { $unit }
    From: { $author }{ $case }

    { $text }
notice-deficiency-case = { "" }
    Case №{ $number }
report-manual-notices = Deficiency notices sent by hand (п.19): { $n }
report-fig-manual-notices = Deficiency notices by hand (п.19)

# п.16: a file received in the other messenger that could not be carried.
file-kind-photo = A photo
file-kind-video = A video
file-kind-document = A document
file-too-large = 📎 { $kind } from { $messenger } is too large to forward here; it can be seen in { $messenger }.
file-not-carried = 📎 { $kind } from { $messenger } could not be forwarded here; it can be seen in { $messenger }.
