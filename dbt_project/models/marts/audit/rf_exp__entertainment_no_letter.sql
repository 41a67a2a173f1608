{#- RF_EXP_005 无公函或接待清单报销: the approval has no guests' official letter or no guest list. -#}
{{ rf_entertainment(
    'RF_EXP_005',
    condition="approval_id is not null and ((letter_required and not letter_attached)
        or (guest_list_required and coalesce(trim(guest_list), '') = ''))",
    amount='amount',
    finding="concat_ws('；', case when letter_required and not letter_attached then '无来访公函' end,
        case when guest_list_required and coalesce(trim(guest_list), '') = '' then '无接待清单' end)",
) }}
