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
due-line = Срок ответа: { $at } ({ $tail })
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
ev-registered = зарегистрировано
ev-assigned = направлено: { $unit }
ev-assigned-co = соисполнитель: { $unit }
ev-accepted = принято: { $unit }
ev-returned = возвращено куратору: { $reason }
ev-contribution = информация от: { $unit }
ev-draft = подготовлен проект ({ $kind })
ev-approved = согласовано заместителем
ev-sent-back-deputy = на доработку (заместитель): { $comment }
ev-sent-back-curator = на доработку (куратор): { $comment }
ev-published = опубликовано ({ $kind })
ev-rejected = отклонено по п.17: { $reason }

## Кнопки карточки (keyboards)
btn-accept = ✅ Принять
btn-return = ↩️ Вернуть куратору
btn-write-final = ✍️ Подготовить ответ
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
refused-role = Это действие доступно только роли «{ $role }».
refused-not-your-unit = Дело направлено не вашему отделу.
refused-not-your-deputy-unit = Вы не курируете отдел, у которого это дело.
refused-return-window = Вернуть уже нельзя: 30 рабочих минут истекли в { $due }. Обратитесь к куратору.
refused-empty = Нужен текст.
refused-too-long = Текст длиннее { $max } символов. Сократите его или разбейте.
refused-no-units = Выберите хотя бы один отдел.
refused-duplicate-unit = Отдел выбран дважды.
refused-draft-kind = После промежуточного ответа нужен окончательный ответ.
refused-unknown-person = Вы не найдены в справочнике или отключены.
refused-invalid = Проверьте данные: такой записи нет.
ask-return-reason = Дело №{ $number }: напишите, почему оно не относится к вашему отделу.
ask-send-back-comment = Дело №{ $number }: напишите, что доработать.
ask-draft-final = Дело №{ $number }: пришлите текст ответа одним сообщением. Можно приложить фото, видео или документ.
ask-draft-intermediate = Дело №{ $number }: пришлите текст промежуточного ответа (окончательный — в течение 7 рабочих дней).
ask-draft-clarification = Дело №{ $number }: пришлите текст запроса уточнения автору.
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
report-empty = В { $month } сообщений не было.
report-cases = Сообщений в работе: { $n } (зарегистрировано за месяц { $new }, за прошлый { $previous })
report-on-time = Ответ в срок: { $share } ({ $on_time } из { $rated })
report-late = С опозданием: { $n }
report-overdue = Просрочено без ответа: { $n }
report-open = Не закрыто на конец месяца: { $n }
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
report-chart-units = Сообщения по подразделениям
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
