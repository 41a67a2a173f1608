{#- RF_EXP_006 超人均标准接待: a meal (all its invoices and lines, across claims) whose amount per diner (guests
    plus accompanying staff) is above the per-person cap of the host's level. Amount: the part above the cap for
    all diners. -#}
{{ rf_entertainment(
    'RF_EXP_006',
    grain='meal',
    condition="events.meal_diners > 0 and events.meal_amount > events.meal_cap_per_person * events.meal_diners",
    amount='events.meal_amount - events.meal_cap_per_person * events.meal_diners',
    finding="'人均' || round(events.meal_amount / events.meal_diners, 2) || '元（' || events.meal_amount || '元/'
        || events.meal_diners || '人），超过标准' || events.meal_cap_per_person || '元'",
) }}
