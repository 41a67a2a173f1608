{#- RF_EXP_007 招待费超审批金额: reimbursed more than the approval allowed. Amount: the excess. -#}
{{ rf_entertainment(
    'RF_EXP_007',
    condition="approval_id is not null and amount > approved_amount",
    amount='amount - approved_amount',
    finding="'报销' || amount || '元，超过核定金额' || approved_amount || '元'",
) }}
