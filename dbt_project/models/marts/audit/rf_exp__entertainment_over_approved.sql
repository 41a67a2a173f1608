{#- RF_EXP_007 招待费超审批金额: more reimbursed against one approval, adding up every claim and meal that
    names it, than the approval allowed. Amount: the excess. -#}
{{ rf_entertainment(
    'RF_EXP_007',
    grain='approval',
    condition="events.approved_amount is not null and events.approval_claimed_amount > events.approved_amount",
    amount='events.approval_claimed_amount - events.approved_amount',
    finding="'报销合计' || events.approval_claimed_amount || '元（' || event_lines.line_count || '行），超过核定金额'
        || events.approved_amount || '元'",
) }}
