{#- 未匹配标准: every travel line a standard-based rule could not judge because its city, rank, transport mode or
    class, or the standard itself, found no applicable row: counted and reported, never dropped silently. One
    row per rule and line (a hotel stay split over several lines is one row, named after its first line). The
    run summary and the data-quality reports read it. -#}
with hotel as (
    select
        'RF_EXP_001' as rule_id,
        subsidiary_code,
        claim_no,
        line_no,
        person_code,
        start_date,
        unmatched_reason as reason,
        concat_ws('；', '城市：' || coalesce(dest_city, '（空）'), '差旅职级：' || coalesce(travel_tier, '（无）'),
                  '入住：' || start_date) as detail,
        amount
    from {{ ref('int_exp__hotel_stays') }}
    where unmatched_reason is not null
),

tickets as (
    select
        'RF_EXP_002' as rule_id,
        subsidiary_code,
        claim_no,
        line_no,
        person_code,
        start_date,
        unmatched_reason as reason,
        concat_ws('；', '交通方式：' || coalesce(transport_mode, '（空）'),
                  '舱位席别：' || coalesce(transport_class, '（空）'), '差旅职级：' || coalesce(travel_tier, '（无）'),
                  '乘坐：' || start_date) as detail,
        amount
    from {{ ref('int_exp__tickets') }}
    where unmatched_reason is not null
),

unioned as (
    select * from hotel
    union all
    select * from tickets
),

final as (
    select
        -- ids
        rule_id,
        subsidiary_code,
        claim_no || '|' || line_no as line_key,
        claim_no,
        line_no,
        person_code,
        -- strings
        reason,
        detail,
        -- amounts
        amount,
        -- dates
        start_date,
        to_char(start_date, 'YYYY-MM') as period
    from unioned
)

select * from final
