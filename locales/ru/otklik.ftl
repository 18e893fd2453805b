# Otklik — тексты интерфейса (русский, основной язык).
# Каждый раздел принадлежит своей части программы; добавляйте ключи в свой раздел.

## Общие единицы времени
unit-minutes = { $n } { $n ->
    [one] минута
    [few] минуты
   *[many] минут
}
unit-hours = { $n } { $n ->
    [one] час
    [few] часа
   *[many] часов
}
unit-days = { $n } { $n ->
    [one] день
    [few] дня
   *[many] дней
}

## Сроки из конфигурации (п.9–п.14): «срок — 2 рабочих часа» и «в течение 2 рабочих часов»
term-minutes = { $n } { $n ->
    [one] рабочая минута
    [few] рабочих минуты
   *[many] рабочих минут
}
term-hours = { $n } { $n ->
    [one] рабочий час
    [few] рабочих часа
   *[many] рабочих часов
}
term-days = { $n } { $n ->
    [one] рабочий день
    [few] рабочих дня
   *[many] рабочих дней
}
term-within-minutes = { $n } { $n ->
    [one] рабочей минуты
   *[other] рабочих минут
}
term-within-hours = { $n } { $n ->
    [one] рабочего часа
   *[other] рабочих часов
}
term-within-days = { $n } { $n ->
    [one] рабочего дня
   *[other] рабочих дней
}

## Командная строка (cli)
cli-calendar-title = Производственный календарь на { $year } год (отличия от обычной недели):
cli-calendar-fallback-warning = Внимание: официальных данных на { $year } год нет, календарь построен по ст. 112 ТК РФ. Проверьте его по постановлению Правительства.
cli-calendar-totals = Рабочих дней: { $days }, рабочих часов: { $hours }.
cli-day-working = рабочий день
cli-day-shortened = сокращённый предпраздничный день
cli-day-working-weekend = рабочий выходной (перенос)
cli-day-working-weekend-short = рабочий выходной, сокращённый
cli-day-holiday = нерабочий праздничный день
cli-day-regional-holiday = региональный праздник
cli-day-transfer = выходной (перенос)
cli-day-weekend = выходной

## Карточка дела (cards)
net-vk = ВКонтакте
net-ok = Одноклассники
net-telegram = Telegram
net-max = MAX
net-dzen = Дзен
net-youtube = YouTube
net-facebook = Facebook
net-instagram = Instagram
net-other = Другое
state-registered = Зарегистрировано
state-assigned = Назначено
state-in-work = В работе
state-on-approval = На согласовании
state-with-curator = У куратора
state-answered-intermediate = Дан промежуточный ответ
state-answered = Ответ опубликован
state-returned = Возвращено куратору
state-rejected = Отклонено по п.17
draft-final = ответ
draft-intermediate = промежуточный ответ
draft-clarification = запрос уточнения
holder-curator = куратор
holder-deputy = заместитель ({ $unit })
card-title = <b>Дело №{ $number }</b> · { $network }
card-class = Тема: { $topic } · Локация: { $location } · Важность: { $importance }
card-repeat = Повторное сообщение по делу №{ $case } (п.15): в ответе укажите принятые меры.
card-state = Состояние: { $state } — { $holder }
card-state-closed = Состояние: { $state }
due-line = Срок ответа: { $at } ({ $tail })
due-line-final = Срок окончательного ответа (п.13): { $at } ({ $tail })
due-line-contribution = Срок информации вашего отдела (п.14): { $at } ({ $tail })
due-left = осталось { $left }
due-overdue = просрочено на { $late }
due-met = выполнено в срок
due-missed = выполнено с опозданием на { $late }
due-cancelled = снят
card-draft = <b>Проект: { $kind }</b>{ $files ->
    [0] {""}
   *[other] , вложений: { $files }
}
card-history = <b>История</b>
card-contributions = <b>Информация соисполнителей (п.14)</b>
card-contribution = • { $unit }, { $at }{ $files ->
    [0] {""}
   *[other] , вложений: { $files }
}:
ev-registered = зарегистрировано
ev-assigned = направлено: { $unit }
ev-assigned-co = соисполнитель: { $unit }
ev-accepted = принято: { $unit }
ev-returned = возвращено куратору: { $reason }
ev-contribution = информация от: { $unit }
ev-contribution-requested = запрошена информация: { $unit } (п.14, по очереди)
ev-draft = подготовлен проект ({ $kind })
ev-approved = согласовано заместителем
ev-sent-back-deputy = на доработку (заместитель): { $comment }
ev-sent-back-curator = на доработку (куратор): { $comment }
ev-published = опубликовано ({ $kind })
ev-rejected = отклонено по п.17: { $reason }
ev-rejected-plain = отклонено по п.17

## Кнопки карточки (keyboards)
btn-accept = ✅ Принять
btn-return = ↩️ Вернуть куратору
btn-write-final = ✍️ Подготовить ответ
btn-write-final-after-intermediate = ✍️ Подготовить окончательный ответ
btn-write-intermediate = Промежуточный ответ
btn-write-clarification = Запрос уточнения
btn-contribute = 📎 Отправить информацию
btn-approve = ✅ Согласовать
btn-send-back = ↩️ На доработку
btn-reassign = 🔀 Переназначить
btn-published = 📢 Опубликовано
btn-without-link = Без ссылки
btn-cancel = Отмена

## Нажатия и отказы (actions)
press-unknown = Эта кнопка больше не действует.
press-done = Готово.
press-write = Жду ваш ответ сообщением.
press-choose-unit = Выберите отдел.
press-failed = Не получилось из-за сбоя. Попробуйте ещё раз через минуту.
input-cancelled = Отменено.
refused-stale = Кнопка устарела: дело уже изменилось.
refused-wrong-state = Кнопка устарела: дело сейчас в состоянии «{ $state }».
refused-already-done = Это уже сделано.
refused-not-your-turn = Очередь вашего отдела ещё не наступила: запрос придёт, когда предыдущий соисполнитель пришлёт информацию (п.14).
refused-role = Это действие доступно только роли «{ $role }».
refused-not-your-unit = Дело направлено не вашему отделу.
refused-not-your-deputy-unit = Вы не курируете отдел, у которого это дело.
refused-return-window = Вернуть уже нельзя: время на возврат (п.9) истекло. Обратитесь к куратору.
refused-empty = Нужен текст.
draft-needs-text = Нужен текст ответа: пришлите его одним сообщением, а фото или документ — с этим текстом в подписи.
album-not-awaited = Файлы получены, но я их сейчас не жду. Чтобы приложить фото, видео или документы к ответу, нажмите кнопку ответа на карточке дела и пришлите их вместе с текстом.
album-item-late = Этот файл пришёл после того, как ответ был принят, и к нему не приложен. Пришлите ответ заново со всеми файлами, если он нужен.
refused-too-long = Текст длиннее { $max } символов. Сократите его или разбейте.
refused-no-units = Выберите хотя бы один отдел.
refused-duplicate-unit = Отдел выбран дважды.
refused-draft-kind = После промежуточного ответа нужен окончательный ответ.
refused-unknown-person = Вы не найдены в справочнике или отключены.
refused-invalid = Проверьте данные: такой записи нет.
ask-return-reason = Дело №{ $number }: напишите, почему оно не относится к вашему отделу.
ask-send-back-comment = Дело №{ $number }: напишите, что доработать.
ask-draft-final = Дело №{ $number }: пришлите текст ответа одним сообщением. Можно приложить фото, видео или документ.
ask-draft-intermediate = Дело №{ $number }: пришлите текст промежуточного ответа (окончательный — в течение { $term } после его размещения, п.13).
ask-draft-clarification = Дело №{ $number }: пришлите текст запроса уточнения автору.
ask-draft-final-after-intermediate = Дело №{ $number }: пришлите текст окончательного ответа (п.13, срок — { $due }). Можно приложить фото, видео или документ.
ask-draft-repeat = Это повторное сообщение по делу №{ $case } (п.15): укажите в ответе меры, принятые по первому обращению.
ask-contribution = Дело №{ $number }: пришлите информацию по вашей части вопроса.
ask-publish-link = Дело №{ $number }: пришлите ссылку на опубликованный ответ или нажмите «Без ссылки».
ask-reason = Дело №{ $number }: напишите причину.
role-admin = администратор
role-curator = куратор
role-executor = исполнитель
role-deputy = заместитель главы
role-coordinator = координатор
role-controller = управляющий делами

## Monthly summary (report)
report-month = { $month ->
    [1] Январь
    [2] Февраль
    [3] Март
    [4] Апрель
    [5] Май
    [6] Июнь
    [7] Июль
    [8] Август
    [9] Сентябрь
    [10] Октябрь
    [11] Ноябрь
   *[12] Декабрь
} { $year }
report-month-in = { $month ->
    [1] январе
    [2] феврале
    [3] марте
    [4] апреле
    [5] мае
    [6] июне
    [7] июле
    [8] августе
    [9] сентябре
    [10] октябре
    [11] ноябре
   *[12] декабре
} { $year }
report-title = Сводка за месяц: { $month }
report-title-as-of = Сводка за месяц: { $month } — на { $at } (месяц не закончился)
report-empty = В { $month } сообщений не было.
report-cases = Сообщений в работе: { $n } (зарегистрировано за месяц { $new }, за прошлый { $previous })
report-on-time = Ответ в срок: { $share } ({ $on_time } из { $rated })
report-late = С опозданием: { $n }
report-overdue = Просрочено без ответа: { $n }
report-open = Не закрыто на конец месяца: { $n }
report-open-as-of = Не закрыто на { $at }: { $n }
report-final-overdue = Просрочен окончательный ответ (п.13): { $n }
report-answer-time = Время до ответа: медиана { $median }, 90% — не дольше { $p90 }
report-returns = Возвраты (п.9): { $n }, переназначено с задержкой: { $delays }
report-sent-back = На доработку: заместителем { $deputy }, куратором { $curator }
report-quality = Промежуточных ответов: { $intermediate } · повторных (п.15): { $repeats } · отклонено (п.17): { $rejected }
report-attention = Требуют внимания
report-attention-none = Все подразделения ответили в срок.
report-unit-share = в срок { $share }
report-unit-late = с опозданием { $n }
report-unit-overdue = просрочено { $n }
report-unit-final-overdue = просрочен окончательный ответ { $n }
report-unit-reassign = задержка переназначения { $n }
report-and-more = …и ещё { $n }
report-topics = Темы: за месяц / за прошлый
report-dynamics-line = { $key }: { $current } / { $previous }
report-footer = Подробности — в таблице и на графике.
report-duration-hm = { $h } ч { $m } мин
report-duration-h = { $h } ч
report-duration-m = { $m } мин
report-duration-under-minute = менее минуты
report-month-short = { $month ->
    [1] янв
    [2] фев
    [3] мар
    [4] апр
    [5] май
    [6] июн
    [7] июл
    [8] авг
    [9] сен
    [10] окт
    [11] ноя
   *[12] дек
} { $year }
report-approval = Одобрено с первого раза: { $share } ответов ({ $first } из { $answers }) · с фото/видео (п.16): { $media } · уведомлений о нарушениях (п.19): { $notices }
report-unit-quality = с первого раза { $first } · доработки: зам. { $deputy }, кур. { $curator } · фото/видео { $media } из { $answers } · возвраты { $returns } · п.19: { $notices } · медиана { $median }
report-chart-attention = требуют внимания
report-chart-col-on-time = в срок
report-chart-col-first = с первого раза
report-chart-col-rework = доработки зам./кур.
report-chart-col-media = с фото/видео
report-chart-col-returns = возвраты (п.9)
report-chart-col-notices = уведомл. (п.19)
report-chart-col-median = медиана до ответа
report-chart-more = …и ещё { $n } — в таблице
report-chart-trend = Динамика за 12 месяцев
report-chart-registered = зарегистрировано сообщений
report-chart-share = доля ответов в срок, %
report-fig-answers = Ответов опубликовано
report-fig-first-attempt = Одобрено с первого раза
report-fig-first-share = Доля одобренных с первого раза
report-fig-media = Ответы с фото/видео (п.16)
report-fig-notices = Уведомления о нарушениях (п.19)
report-trend-title = По месяцам
report-col-month = Месяц
report-trend-note = Доля в срок за прошлые месяцы берётся из сводок, сохранённых при закрытии месяца; пустая ячейка — сводка за тот месяц не составлялась.
report-none = —
report-unit-none = Без подразделения
report-unit-unknown = Подразделение №{ $id }
report-network = { $code ->
    [vk] ВКонтакте
    [ok] Одноклассники
    [telegram] Telegram
    [max] MAX
    [dzen] Дзен
    [youtube] YouTube
    [facebook] Facebook
    [instagram] Instagram
   *[other] Другое
}
report-state = { $state ->
    [registered] Зарегистрировано
    [assigned] Назначено
    [in_work] В работе
    [on_approval] На согласовании
    [with_curator] У куратора
    [answered_intermediate] Дан промежуточный ответ
    [answered] Ответ дан
    [returned] Возвращено
    [rejected] Отклонено (п.17)
   *[other] { $state }
}
report-chart-units = Своевременность и качество по подразделениям
report-chart-on-time = в срок
report-chart-late = с опозданием
report-chart-overdue = просрочено
report-chart-pending = срок не истёк
report-chart-topics = Темы: { $current } и { $previous }
report-chart-count = Сообщений
report-chart-empty = Сообщений не было
report-sheet-summary = Сводка
report-sheet-units = Подразделения
report-sheet-cases = Сообщения
report-sheet-dynamics = Динамика
report-fig-month = Месяц
report-fig-unit = Подразделение
report-fig-cases = Сообщений в работе
report-fig-on-time = Ответ в срок (п.10)
report-fig-late = Ответ с опозданием
report-fig-overdue = Просрочено без ответа
report-fig-pending = Без ответа, срок не истёк
report-fig-open = Не закрыто на конец месяца
report-fig-final-overdue = Просрочен окончательный ответ (п.13)
report-fig-share = Доля ответов в срок
report-fig-median = Медиана времени до ответа, раб. мин
report-fig-p90 = 90% ответов не дольше, раб. мин
report-fig-returns = Возвраты (п.9)
report-fig-reassign = Переназначение с задержкой (п.9)
report-fig-sent-back-deputy = На доработку заместителем
report-fig-sent-back-curator = На доработку куратором
report-fig-intermediate = Промежуточные ответы (п.13)
report-fig-repeats = Повторные сообщения (п.15)
report-fig-rejected = Отклонено по п.17
report-fig-registered = Зарегистрировано за месяц
report-fig-registered-previous = Зарегистрировано за прошлый месяц
report-share-note = Доля в срок = в срок / (в срок + с опозданием + просрочено без ответа). Сообщение относится к подразделению, ответственному за него на конец месяца; возврат и задержка переназначения — к вернувшему подразделению.
report-total = Итого
report-col-number = №
report-col-link = Ссылка
report-col-network = Сеть
report-col-topic = Тема
report-col-location = Населённый пункт
report-col-importance = Важность
report-col-state = Состояние на конец месяца
report-col-registered = Зарегистрировано
report-col-due = Срок ответа
report-col-answered = Ответ опубликован
report-col-on-time = В срок
report-col-lateness = Опоздание, раб. мин
report-col-repeat = Повторное
report-col-current = За месяц
report-col-previous = За прошлый месяц
report-col-change = Изменение
report-yes = да
report-no = нет
reply-accepted = Принято.
reply-not-a-link = Это не похоже на ссылку. Пришлите адрес вида https://… или нажмите «Без ссылки».

## Списки и справка (lists)
case-usage = Укажите номер дела: /case 12
case-not-found = Дело не найдено или недоступно вам.
group-pointer = С делами бот работает только в личном чате: напишите @{ $bot } лично.
my-title = { $count ->
    [one] У вас { $count } открытая задача
    [few] У вас { $count } открытые задачи
   *[many] У вас { $count } открытых задач
}
my-title-over = У вас больше { $count } открытых задач
my-empty = Открытых задач нет.
overdue-title = { $count ->
    [one] Просрочено { $count } дело
    [few] Просрочено { $count } дела
   *[many] Просрочено { $count } дел
}
overdue-title-over = Просрочено больше { $count } дел
overdue-empty = Просроченных дел нет.
refused-overseer = Список просроченных доступен куратору, координатору, управляющему делами и администратору.
btn-open = Открыть №{ $number }
list-more = …и ещё { $count }.
list-more-over = …и ещё больше { $count }.
help-title = Здравствуйте, { $name }! Что вы можете сделать:
help-curator = <b>Куратор.</b> Пришлите ссылку на сообщение (или перешлите пост канала) — бот спросит тему, локацию, важность и отделы и направит дело. Возвращённые дела переназначайте кнопкой «Переназначить», согласованные ответы публикуйте и отмечайте «Опубликовано».
help-executor = <b>Исполнитель.</b> Карточки новых дел приходят сюда: «Принять» или «Вернуть куратору» (в течение { $term }). Затем «Подготовить ответ» — пришлите текст, можно с фото, видео или документом.
help-deputy = <b>Заместитель.</b> Проекты ответов ваших отделов приходят на согласование: «Согласовать» или «На доработку» с комментарием.
help-coordinator = <b>Координатор.</b> /overdue — просроченные дела, /report ГГГГ-ММ — сводка за месяц (п.20).
help-controller = <b>Управляющий делами.</b> Уведомления о нарушениях сроков (п.19) приходят сюда; /overdue — просроченные дела.
help-admin = <b>Администратор.</b> /invite роль [отдел] — ссылка-приглашение; /people, /units, /lists — справочники; /set — изменения.
help-common = /my — мои задачи · /case N — карточка дела · /cancel — отменить ввод
help-commands = <b>Команды:</b>

## Уведомления (notices)
notice-assignment = 📥 <b>Новое сообщение для вашего отдела</b> (дело №{ $number }). Примите его или верните куратору в течение { $term }.
notice-assignment-deputy = 📥 <b>Новое сообщение для отдела «{ $unit }»</b>, который вы курируете (дело №{ $number }). Это для сведения: исполнитель примет дело, проект ответа придёт вам на согласование.
notice-deputy-also = Вы курируете по этому делу и другие отделы: { $units }.
notice-contribution-request-deputy = 📥 Отдел «{ $unit }», который вы курируете, привлечён соисполнителем по делу №{ $number } (п.14). Это для сведения: срок представления информации — { $term }.
notice-contribution-request = 📥 <b>Нужна информация вашего отдела</b> по делу №{ $number } (п.14): срок — { $term }.
notice-returned = ↩️ Дело №{ $number } возвращено отделом «{ $unit }»: { $reason }. Назначьте нового исполнителя в течение { $term }.
notice-contribution = 📎 Информация по делу №{ $number } от отдела «{ $unit }»:
notice-draft-for-approval = 📝 <b>Проект ответа на согласование</b> (дело №{ $number }).
notice-draft-for-publication = 📢 <b>Согласованный проект — разместите его</b> (дело №{ $number }, п.12: в течение { $term }).
notice-sent-back-deputy = ↩️ Заместитель вернул проект по делу №{ $number } на доработку: { $comment }
notice-sent-back-curator = ↩️ Куратор вернул проект по делу №{ $number } на доработку: { $comment }
notice-published = ✅ Ответ по делу №{ $number } опубликован.
notice-published-intermediate = ✅ По делу №{ $number } опубликован <b>промежуточный</b> ответ. Подготовьте окончательный ответ (п.13): срок — { $due }.
notice-published-intermediate-deputy = ✅ По делу №{ $number } опубликован промежуточный ответ. Окончательный ответ (п.13) — до { $due }.
notice-rejected = ⛔ Дело №{ $number } отклонено по п.17 и не требует ответа.
notice-reminder = ⏰ Напоминание по делу №{ $number }: срок «{ $deadline }» (п.{ $clause }) — { $at }: { $left }.
notice-breach = ⚠️ <b>Нарушение срока (п.19)</b>
    Дело №{ $number }: { $link }
    Отдел: { $unit }
    Исполнитель: { $person }
    Срок «{ $deadline }» (п.{ $clause }): { $at }
    Опоздание (рабочее время): { $late }
notice-nobody-accepted = никто не принял
notice-just-due = срок истёк только что
notice-unreachable = ⚠️ Сотрудник { $name } недоступен для бота (заблокировал его или ещё не запускал): уведомления ему не доставляются. Попросите его открыть бота и нажать «Старт» — пропущенное придёт сразу.
notice-digest = { $count ->
    [one] ⚠️ Пока бот не работал, истёк { $count } срок:
    [few] ⚠️ Пока бот не работал, истекли { $count } срока:
   *[many] ⚠️ Пока бот не работал, истекли { $count } сроков:
}
notice-digest-breach = • дело №{ $number }: «{ $deadline }», опоздание { $late }
notice-digest-reminder = • дело №{ $number }: «{ $deadline }» скоро истекает
dl-return-window = возврат исполнителем
dl-reassign = переназначение
dl-answer = ответ
dl-draft = проект куратору
dl-publish = размещение ответа
dl-final = окончательный ответ
dl-contribution = информация соисполнителя
cli-migrated = База данных в актуальном состоянии, справочник применён.
cli-no-token = Не задан токен бота: укажите его в переменной окружения TELOXIDE_TOKEN (его выдаёт @BotFather). Конфигурация и база данных в порядке.
cli-second-poller = С этой базой данных уже работает другой экземпляр Отклика в режиме long polling. Два опросчика мешали бы друг другу; для нескольких реплик используйте webhook (--webhook-url, --listen) и PostgreSQL.
cli-removals-refused = Конфигурация { $origin } убрала бы из справочника { $count } чел.: { $names }{ $vital }. Ничего не изменено. Если так и задумано, повторите команду с флагом { $flag }.
cli-removals-more = {" "}и ещё { $count }
cli-removals-last = ; не осталось бы ни одного: { $roles }
cli-no-config = Файл конфигурации не указан (--config или OTKLIK_CONFIG): справочник в базе не меняется.
cli-bad-role = Неизвестная роль «{ $role }»: укажите одну из admin, curator, executor, deputy, coordinator, controller.
cli-unit-only-executor = --unit указывается только для роли executor.
cli-executor-needs-unit = Для приглашения исполнителя укажите отдел: --unit «название».
cli-unknown-unit = Отдела «{ $unit }» нет в конфигурации; отделы: { $units }.
cli-ttl-zero = --ttl-hours должно быть больше нуля.
cli-bad-month = --month должно быть в виде ГГГГ-ММ (например, 2026-10), получено «{ $month }».
cli-bad-webhook-url = --webhook-url должно быть адресом https://… (или http:// для прокси), получено «{ $url }».
cli-listen-taken = Не удаётся слушать { $addr } (--listen): { $cause }. Выберите свободный порт или остановите процесс, который его занял.
cli-token-refused = Telegram отклонил токен бота (401): проверьте TELOXIDE_TOKEN — его выдаёт @BotFather.
cli-telegram-unreachable = Telegram недоступен: { $cause }
cli-pg-unreachable = PostgreSQL на { $host }:{ $port } недоступен: { $cause }
cli-db-failed = Не удалось открыть базу данных { $url }: { $cause }
cli-sqlite-no-dir = Не удалось открыть базу SQLite { $path }: папки { $dir } нет. Создайте её (mkdir -p { $dir }) или укажите другой путь в DATABASE_URL.
cli-stopped-while-waiting = Остановлено по сигналу до начала работы.
cli-calendar-due-fallback = Внимание: срок попадает на { $years } — официального производственного календаря на эти годы нет, использован расчёт по ст. 112 ТК РФ.
cli-calendar-beyond = Срок выходит за поддерживаемые годы { $first }–{ $last }.
cli-webhook-deleted = Webhook удалён: Telegram больше не отправляет обновления на адрес реплик.
check-ok = ✓ { $what }: { $detail }
check-failed = ✗ { $what }: { $detail }
check-config = конфигурация
check-database = база данных
check-token = токен Telegram
check-config-detail = { $origin }: людей { $people }, отделов { $units }
check-config-none = файл не указан, используются значения по умолчанию
check-database-detail = { $backend }, схема в актуальном состоянии
check-database-behind = { $backend }: схема устарела, выполните otklik migrate
check-token-detail = бот @{ $username }
weekday-mon = пн
weekday-tue = вт
weekday-wed = ср
weekday-thu = чт
weekday-fri = пт
weekday-sat = сб
weekday-sun = вс
report-refused = Сводка доступна координатору, куратору, управляющему делами и администратору.
report-usage = Укажите месяц в виде ГГГГ-ММ, например: /report 2026-11

## Intake
intake-title = <b>Регистрация сообщения</b>
intake-link = Ссылка: { $link }
intake-network = Источник: { $network }
intake-topic = Тема: { $value }
intake-location = Локация: { $value }
intake-importance = Важность: { $value }
intake-units = Исполнители: { $units }
intake-deputy = зам. { $name }
intake-no-deputy = ⚠ заместитель не назначен
intake-unit-responsible = { $unit } (ответственный, { $deputy })
intake-unit-co = { $unit } ({ $deputy })
intake-p17-warning = ⚠ В тексте найдены { $found }. Сообщение можно отклонить по п.17.
intake-p17-threat = угрозы
intake-p17-obscene = нецензурные выражения
intake-p17-insult = оскорбления
intake-queue = В очереди ещё { $n } { $n ->
    [one] ссылка
    [few] ссылки
   *[many] ссылок
}.
intake-ask-topic = Выберите тему:
intake-ask-location = Выберите локацию:
intake-ask-importance = Выберите важность:
intake-ask-units = Выберите отделы-исполнители (можно несколько; первый выбранный — ответственный) и нажмите «Далее». ⚠ — у отдела нет заместителя.
intake-ask-confirm = Проверьте и направьте исполнителям.
intake-list-empty = Список пуст. Попросите администратора заполнить его (/lists).
intake-btn-cancel = Отмена
intake-btn-next = Далее ›
intake-btn-confirm = ✅ Направить
intake-btn-reject = ⛔ Отклонить по п.17
intake-order-parallel = Соисполнители готовят информацию одновременно (п.14).
intake-order-sequential = Соисполнители готовят информацию по очереди (п.14): { $units }.
intake-btn-order-sequential = ⇣ Соисполнители по очереди
intake-btn-order-parallel = ⇉ Соисполнители одновременно
intake-btn-repeat = Повтор дела №{ $number }
intake-btn-open = Открыть дело №{ $number }
intake-repeat = Повторное обращение по делу №{ $number } (п.15).
intake-duplicate = Это сообщение уже зарегистрировано: дело №{ $number }.
intake-done = ✅ Дело №{ $number } зарегистрировано и направлено: { $units }.
intake-rejected = ⛔ Дело №{ $number } зарегистрировано и отклонено по п.17: { $reason }.
intake-reject-reason = { $found }
intake-reject-reason-plain = по решению куратора
intake-cancelled = Регистрация отменена: { $link }
intake-queued = Ссылка добавлена в очередь (в очереди: { $n }). Сначала завершите регистрацию выше.
intake-stale = Эта кнопка устарела.
intake-choose-unit = Выберите хотя бы один отдел.
intake-refused = Регистрировать сообщения может только куратор.
intake-private-only = Регистрируйте сообщения в личном чате с ботом.
intake-ask-link = Пришлите ссылку на сообщение: /new https://vk.com/wall-1_2 — или просто отправьте ссылку (можно несколько) либо перешлите пост из канала.
intake-hint-curator = В сообщении нет ссылки. Пришлите ссылку на пост или перешлите пост из канала. Все команды — /help.
intake-hint = Я работаю через команды и кнопки. Список команд — /help.
intake-forward-no-link = У пересланного сообщения нет адреса: так можно зарегистрировать только пост из канала. Для других источников пришлите ссылку.

## Start and invites
cmd-start = Начать работу или войти по приглашению
cmd-new = Зарегистрировать сообщение по ссылке
cmd-my = Мои задачи, самые срочные первыми
cmd-case = Карточка дела: /case N
cmd-overdue = Просроченные дела
cmd-report = Сводка за месяц: /report ГГГГ-ММ
cmd-help = Что я умею
cmd-cancel = Отменить ввод
cmd-settings = Куда присылать уведомления
cmd-invite = Приглашение: /invite роль [отдел]
cmd-people = Сотрудники и их роли
cmd-units = Отделы и заместители
cmd-lists = Темы, локации, важность
cmd-set = Изменить справочник: /set
start-hello = Здравствуйте, { $name }!
start-roles = Ваши роли: { $roles }.
start-no-roles = Роли пока не назначены — обратитесь к администратору.
start-do-curator = • Куратор: пришлите ссылку на пост (или перешлите пост из канала), чтобы зарегистрировать его.
start-do-executor = • Исполнитель: дела отдела приходят карточками с кнопками «Принять» и «Вернуть».
start-do-deputy = • Заместитель: черновики ответов ваших отделов приходят на согласование.
start-do-coordinator = • Координатор: видите все дела, ежемесячная сводка приходит сама (/report).
start-do-controller = • Управляющий делами: сюда приходят уведомления о нарушении сроков (п.19).
start-do-admin = • Администратор: сотрудники, отделы и справочники — /people, /units, /lists, /invite, /set.
start-help = Команды — в меню и по /help.
start-invite-accepted = Приглашение принято.
start-welcome = Добро пожаловать в «Отклик»!
stranger-hello = Здравствуйте! Это рабочий бот администрации для сотрудников. Чтобы подключиться, попросите у администратора ссылку-приглашение.
stranger-press = Нет доступа.
invite-unknown = Приглашение не найдено. Проверьте ссылку или попросите у администратора новую.
invite-expired = Срок действия приглашения истёк. Попросите у администратора новое.
invite-used = Это приглашение уже использовано. Попросите у администратора новое.
invite-failed = Не удалось принять приглашение. Попробуйте ещё раз чуть позже.

## Admin
admin-refused = Эта команда доступна только администратору.
admin-private-only = Эта команда работает только в личном чате с ботом.
admin-people-title = <b>Сотрудники</b> (активных: { $n })
admin-no-roles = без ролей
admin-tg-ok = Telegram подключён
admin-tg-none = нет Telegram (нужно приглашение: /invite имя)
admin-tg-none-on-max = нет Telegram
admin-tg-unreachable = ⚠ бот не может написать
admin-max-ok = MAX подключён
admin-inactive = (отключён)
admin-units-title = <b>Отделы</b> (действующих: { $n })
admin-unit-deputy = зам. { $name }
admin-unit-no-deputy = ⚠ заместитель не назначен
admin-unit-executors = { $n ->
    [one] { $n } исполнитель
    [few] { $n } исполнителя
   *[many] { $n } исполнителей
}
admin-list-empty = (пусто)
admin-lists-topics = <b>Темы</b>: { $items }
admin-lists-locations = <b>Локации</b>: { $items }
admin-lists-importance = <b>Важность</b>: { $items }
admin-lists-hint = Добавить или убрать: /set topic+ Название, /set location- Название, /set importance+ Название.
admin-list-topics = темы
admin-list-locations = локации
admin-list-importance = важность
admin-set-usage = Как изменить справочник (имя — как в /people или #номер):
    /set role Иванова А.С. = curator, admin
    /set unit Петров П.П. = Отдел ЖКХ   (или = - чтобы убрать)
    /set deputy Отдел ЖКХ = Сидоров В.В.
    /set unit+ Отдел дорог = Сидоров В.В.
    /set topic+ Экология   /set topic- Экология
    /set location+ с. Новое   /set importance+ Срочная
    /set off Петров П.П.
    Роли: admin, curator, executor, deputy, coordinator, controller (можно по-русски).
admin-unknown-role = Неизвестная роль «{ $word }». Роли: admin, curator, executor, deputy, coordinator, controller.
admin-roles-set = Готово. { $name }: { $roles }.
admin-hint-unit = Исполнителю нужен отдел: /set unit { $name } = Название отдела
admin-unit-set = Готово. { $name } — { $unit }.
admin-unit-cleared = Готово. { $name } больше не состоит в отделе.
admin-deputy-set = Готово. Отдел «{ $unit }» курирует { $name }.
admin-unit-added = Готово. Отдел «{ $unit }» добавлен, курирует { $name }.
admin-unit-added-no-deputy = Готово. Отдел «{ $unit }» добавлен. Назначьте заместителя: /set deputy { $unit } = Имя
admin-entry-added = Готово. В список «{ $list }» добавлено: { $name }.
admin-entry-exists = «{ $name }» уже есть в списке «{ $list }».
admin-entry-removed = Готово. Из списка «{ $list }» убрано: { $name }. Зарегистрированные дела не изменились.
admin-entry-missing = В списке «{ $list }» нет «{ $name }».
admin-off-self = Отключить самого себя нельзя.
admin-already-off = { $name } уже отключён(а).
admin-off-done = Готово. { $name } отключён(а); история дел сохранена.
admin-off-orphans = ⚠ Отделы остались без заместителя: { $units }. Назначьте: /set deputy Отдел = Имя
admin-last-admin = Нельзя снять роль администратора с последнего администратора.
admin-person-not-found = Сотрудник «{ $name }» не найден.
admin-did-you-mean = Возможно: { $names }
admin-not-deputy = У сотрудника { $name } нет роли заместителя. Сначала: /set role { $name } = deputy
admin-unit-not-found = Отдел «{ $unit }» не найден. Отделы: { $units }
admin-invite-usage = Как пригласить:
    /invite curator — новый сотрудник с ролью
    /invite executor Отдел ЖКХ — исполнитель отдела
    /invite Петров П.П. — сотрудник из справочника, у которого ещё нет Telegram или MAX
admin-invite-need-unit = Для исполнителя укажите отдел: /invite executor Отдел ЖКХ
admin-invite-made = Приглашение: { $whom }. Действует { $hours } ч, только один раз. Перешлите ссылку сотруднику:
    { $link }
admin-invite-link = { $messenger }: { $link }

## MAX front end
max-hello = В MAX приходят карточки ваших дел и уведомления; кнопки на карточках работают так же, как в Telegram. Куратор регистрирует пост, прислав ссылку на него. /my — ваши дела, /case N — карточка дела, /overdue — просроченные, /report — сводка за месяц, /settings — куда присылать уведомления, /help — все ваши команды.
max-not-yet = В MAX работают карточки дел с их кнопками, ответы по делам (текстом, фото, видео и документами), регистрация постов по ссылке, /my, /case, /overdue, /report, /notice, /settings и команды администратора (/help — ваши команды).
max-stranger = Здравствуйте! Этот бот — для сотрудников администрации. Попросите администратора добавить ваш MAX ID в справочник.
settings-messenger-title = Куда присылать уведомления?
settings-messenger-telegram = В Telegram
settings-messenger-max = В MAX
settings-messenger-last = Туда, где я писал последним
settings-messenger-saved = Уведомления будут приходить в { $messenger }.
settings-messenger-saved-last = Уведомления будут приходить туда, где вы писали боту последним.
settings-messenger-missing = У вас нет учётной записи { $messenger } в справочнике; выбор не изменён.

## Candidate posts from chats and communities (issue 13)
cand-head = 🔔 Возможное обращение — { $place }
cand-head-vk = 🔔 Возможное обращение во ВКонтакте — { $place }
cand-signal = Сигнал: «{ $signal }»
cand-watched = Отслеживаемый чат: берутся все сообщения.
cand-suggested = Предложено: { $list }
cand-s-topic = тема «{ $value }»
cand-s-location = локация «{ $value }»
cand-s-importance = важность «{ $value }»
cand-s-unit = отдел «{ $value }»
cand-same-case = ⚠️ Этот пост уже зарегистрирован: дело №{ $number }.
cand-repeat = ↩️ Возможно, повтор дела №{ $number } (п.15).
cand-btn-register = Зарегистрировать
cand-btn-skip = Пропустить
cand-btn-open = { $n }. Открыть
cand-digest-head = 🔔 Возможные обращения, собранные за время паузы: { $count }
cand-skipped = Пропущено.
cand-registered = ✅ Зарегистрировано: дело №{ $number }.
cand-settled = Это сообщение уже разобрано.
cand-busy = Сначала завершите начатую регистрацию.
cand-gone = Сообщение не найдено.

# Causes of failures named by the operating system (one language per line).
cause-not-found = нет такого файла или папки
cause-permission-denied = нет прав доступа
cause-connection-refused = соединение отклонено
cause-connection-reset = соединение оборвано
cause-timed-out = истекло время ожидания
cause-addr-in-use = адрес уже занят
cause-addr-not-available = такого адреса на этой машине нет
cause-is-a-directory = это папка, а не файл
cause-not-a-directory = часть пути — не папка
cause-unreachable = сеть или узел недоступны
cause-read-only = файловая система только для чтения
cause-storage-full = нет места на диске
cause-no-answer = нет ответа за { $secs } с
cli-config-unreadable = Не удалось прочитать файл конфигурации { $path }: { $cause }

## Publishing from the bot (issue 13, п.12)
pub-btn-bot = 📤 Опубликовать от бота
pub-done = Ответ по делу №{ $number } опубликован от бота: { $link }
pub-files-left = Не удалось приложить к ответу: { $files }. Добавьте их вручную.
pub-file = { $kind ->
    [photo] фото
    [video] видео
   *[document] документ
} №{ $position }
pub-failed = Не удалось опубликовать ответ по делу №{ $number }: площадка не приняла сообщение. Дело не закрыто: попробуйте ещё раз или опубликуйте вручную и нажмите «Опубликовано».
pub-unknown = Ответ по делу №{ $number } уже публикуется, или прошлая попытка прервалась. Проверьте обсуждение: если ответа там нет, опубликуйте его вручную и нажмите «Опубликовано».
pub-unreachable = Бот не может ответить там, где опубликован пост. Опубликуйте ответ вручную.

## Cards a case moved past, redrawn without buttons (issue 9, SPEC §6)
card-left-closed = ⏹ Дело №{ $number } закрыто. Кнопки этой карточки больше не действуют.
card-left-reassigned-away = ⏹ Дело №{ $number } передано другому подразделению. Кнопки этой карточки больше не действуют.
card-left-returned = ⏹ Дело №{ $number } возвращено куратору. Кнопки этой карточки больше не действуют.
card-left-draft-replaced = ⏹ Черновик по делу №{ $number } возвращён на доработку; новый придёт отдельно. Кнопки этой карточки больше не действуют.
card-left-changed = ⏹ Дело №{ $number } изменилось. Кнопки этой карточки больше не действуют.
card-left-prompt = Ответ на этот запрос больше не нужен.
notice-reassigned-away = Дело №{ $number } куратор передал другому подразделению. От подразделения «{ $unit }» по нему больше ничего не требуется.

## п.17 at any stage before publication (issue 9)
btn-reject-p17 = ⛔ Отклонить (п.17)
press-choose-p17-ground = Выберите основание отклонения по п.17.
p17-ground-threat = угрозы жизни, здоровью
p17-ground-obscenity = нецензурные выражения
p17-ground-insult = оскорбительные выражения
p17-ground-harm = намерение причинить вред другому лицу
ask-p17-comment = Дело №{ $number } будет отклонено по п.17: { $ground }. Напишите комментарий или нажмите «Без комментария».
btn-p17-no-comment = Без комментария

## п.19 by hand: a deficiency notice to the controller
cmd-notice = Уведомить управляющего делами (п.19): /notice [номер дела]
deficiency-usage = Укажите номер дела: /notice 12 — или просто /notice, чтобы выбрать отдел.
deficiency-no-unit = У дела №{ $number } нет отдела, о котором можно уведомить.
deficiency-choose-unit = О недостатках в работе какого отдела уведомить управляющего делами (п.19)?
deficiency-ask = Уведомление управляющему делами (п.19) о недостатках в работе отдела «{ $unit }»: пришлите текст одним сообщением. Отмена — /cancel.
deficiency-ask-case = Уведомление управляющему делами (п.19) о недостатках в работе отдела «{ $unit }» по делу №{ $number }: пришлите текст одним сообщением. Отмена — /cancel.
deficiency-sent = Уведомление о недостатках в работе отдела «{ $unit }» отправлено управляющему делами (п.19).
notice-deficiency = 📝 <b>Уведомление о недостатках в работе (п.19)</b>
    Отдел: { $unit }
    От: { $author }{ $case }

    { $text }
notice-deficiency-case = { "" }
    Дело №{ $number }
report-manual-notices = Уведомлений о недостатках, направленных вручную (п.19): { $n }
report-fig-manual-notices = Уведомления о недостатках вручную (п.19)

# п.16: a file received in the other messenger that could not be carried.
file-kind-photo = Фото
file-kind-video = Видео
file-kind-document = Документ
file-too-large = 📎 { $kind } из { $messenger } слишком велико, чтобы переслать его сюда; оно видно в { $messenger }.
file-not-carried = 📎 { $kind } из { $messenger } не удалось переслать сюда; оно видно в { $messenger }.
