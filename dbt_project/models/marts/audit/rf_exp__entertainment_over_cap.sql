{#- RF_EXP_006 超人均标准接待: amount per diner (guests plus accompanying staff) above the per-person cap.
    Amount: the part above the cap for all diners. -#}
{{ rf_entertainment(
    'RF_EXP_006',
    condition="diners > 0 and amount > meal_cap_per_person * diners",
    amount='amount - meal_cap_per_person * diners',
    finding="'人均' || round(amount / diners, 2) || '元，超过标准' || meal_cap_per_person || '元'",
) }}
