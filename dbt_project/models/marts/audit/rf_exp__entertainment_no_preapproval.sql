{#- RF_EXP_004 公务接待未事前审批: a meal (all its invoices and lines, across claims) without an approved OA
    entertainment approval granted by the meal date: no approval (none named and none by the person for that
    day), a number OA does not know, an approval not approved (驳回/审批中), one without an approval time, or
    one approved after the day. Amount: the meal. -#}
{{ rf_entertainment(
    'RF_EXP_004',
    grain='meal',
    condition="events.preapproval_required and (events.approval_key is null or not events.approval_granted
        or events.approved_at is null or events.approved_at::date > events.meal_date)",
    amount='events.meal_amount',
    finding="case when events.approval_key is null and events.approval_match is not null
            then '审批单号' || events.oa_request_id || '在OA中不存在'
        when events.approval_key is null then '无接待审批单'
        when not events.approval_granted then '接待审批状态为' || coalesce(events.approval_status_oa, '空')
        when events.approved_at is null then '审批单无审批时间，无法证明事前审批'
        else '审批日期' || events.approved_at::date || '晚于接待日期' || events.meal_date end",
) }}
