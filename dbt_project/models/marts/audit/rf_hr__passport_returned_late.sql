{#- RF_HR_004 出国（境）证照逾期交回: a passport or permit handed back more than the allowed days after the
    trip ended (by document type, std_passport_return), or still out after the deadline on the as-of date. -#}
with custody as (
    select * from {{ ref('stg_oa__passport_custody') }}
),

rules as (
    select * from {{ ref('std_passport_return') }}
),

employees as (
    select * from {{ ref('stg_hr__employee') }}
),

judged as (
    select
        custody.*,
        employees.emp_name,
        rule.days_to_return,
        rule.source as standard_source,
        custody.trip_end_date + rule.days_to_return as deadline,
        coalesce(custody.returned_on, {{ as_of_date() }}) - (custody.trip_end_date + rule.days_to_return)
            as days_late
    from custody
    left join employees on employees.emp_code = custody.emp_code
    inner join lateral (
        select rules.* from rules
        where rules.document_type = custody.document_type
            and {{ in_force('custody.trip_end_date', 'rules') }}
            and (rules.subsidiary_code = custody.subsidiary_code or rules.subsidiary_code is null)
        order by rules.subsidiary_code is null
        limit 1
    ) as rule on true
),

final as (
    select
        'RF_HR_004' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        emp_name as subject_name,
        to_char(trip_end_date, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', case when returned_on is null then '逾期未交回' else '逾期交回' end,
            '持证人', emp_name,
            '证照类别', document_type,
            '证照号码', document_no,
            '行程结束日期', trip_end_date,
            '应交回日期', deadline,
            '实际交回日期', returned_on,
            '逾期天数', days_late,
            '交回期限', days_to_return || '天',
            '标准出处', standard_source
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.passport_custody', ['record_id'], "'证照借用 ' || record_id") }})
            as source_refs,
        record_id as flag_key
    from judged
    where days_late > 0
)

select * from final
