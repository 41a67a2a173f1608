{#- RF_EXP_005 无公函或接待清单报销: an approval whose claims (all of them) are reimbursed without the guests'
    official letter, without a guest list, or with a list that does not match: names on the list differ from
    the approval's guest count, more guests claimed than the list names, or the letter's unit is not the guest
    unit (compared normalised; one containing the other counts as the same unit). Amount: all claimed against
    the approval. A meal with no approval at all is RF_EXP_004's. -#}
{% set no_letter = "(events.letter_required and not events.letter_attached)" %}
{% set no_list = "(events.guest_list_required and coalesce(events.listed_guest_count, 0) = 0)" %}
{% set list_vs_approval = "(coalesce(events.listed_guest_count, 0) > 0
    and events.listed_guest_count <> events.approved_guest_count)" %}
{% set list_vs_claim = "(coalesce(events.listed_guest_count, 0) > 0
    and events.approval_claimed_guests > events.listed_guest_count)" %}
{% set letter_vs_unit = "(events.letter_attached and events.letter_unit_key is not null
    and events.guest_unit_key is not null
    and strpos(events.letter_unit_key, events.guest_unit_key) = 0
    and strpos(events.guest_unit_key, events.letter_unit_key) = 0)" %}
{{ rf_entertainment(
    'RF_EXP_005',
    grain='approval',
    condition=no_letter ~ ' or ' ~ no_list ~ ' or ' ~ list_vs_approval ~ ' or ' ~ list_vs_claim ~ ' or ' ~ letter_vs_unit,
    amount='events.approval_claimed_amount',
    finding="concat_ws('；',
        case when " ~ no_letter ~ " then '无来访公函' end,
        case when " ~ no_list ~ " then '无接待清单' end,
        case when " ~ list_vs_approval ~ " then '接待清单' || events.listed_guest_count || '人，审批来宾'
            || events.approved_guest_count || '人' end,
        case when " ~ list_vs_claim ~ " then '报销来宾' || events.approval_claimed_guests || '人，接待清单仅'
            || events.listed_guest_count || '人' end,
        case when " ~ letter_vs_unit ~ " then '公函单位' || events.letter_unit || '与来访单位'
            || events.guest_unit || '不符' end)",
) }}
