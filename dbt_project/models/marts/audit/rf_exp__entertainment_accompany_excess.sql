{#- RF_EXP_008 陪餐人数超标: more accompanying staff than allowed (3 for up to 10 guests, a third of the guests
    above 10). Amount: the excess diners' share of the bill. -#}
{{ rf_entertainment(
    'RF_EXP_008',
    condition="coalesce(accompany_count, 0) > max_accompany",
    amount='round(amount / diners * (accompany_count - max_accompany), 2)',
    finding="'来宾' || guest_count || '人，陪餐' || accompany_count || '人，上限' || max_accompany || '人'",
) }}
