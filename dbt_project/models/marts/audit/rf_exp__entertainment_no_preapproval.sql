{#- RF_EXP_004 公务接待未事前审批: no approved OA entertainment approval, or one approved after the day. -#}
{{ rf_entertainment(
    'RF_EXP_004',
    condition="preapproval_required and (approval_id is null or approval_status_oa <> '已批准'
        or approved_at::date > start_date)",
    amount='amount',
    finding="case when approval_id is null then '无接待审批单'
        when approval_status_oa <> '已批准' then '接待审批状态为' || approval_status_oa
        else '审批日期晚于接待日期' end",
) }}
