{#- RF_EXP_008 陪餐人数超标: a meal with more accompanying staff than allowed (3 for up to 10 guests, a third of
    the guests above 10; the host level's standard in force). Head counts are the meal's (the largest any of its
    lines states, else the approval's). Amount: the excess diners' share of the meal. -#}
{{ rf_entertainment(
    'RF_EXP_008',
    grain='meal',
    condition="events.meal_diners > 0 and coalesce(events.meal_accompany, 0) > events.max_accompany",
    amount='round(events.meal_amount / events.meal_diners * (events.meal_accompany - events.max_accompany), 2)',
    finding="'来宾' || events.meal_guests || '人，陪餐' || events.meal_accompany || '人，上限'
        || events.max_accompany || '人'",
) }}
