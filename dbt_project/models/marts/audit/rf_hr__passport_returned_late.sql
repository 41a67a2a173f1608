{#- RF_HR_004 出国（境）证照逾期交回: a 因公 or 因私 passport or permit handed back later than the days its own type
    allows after the trip ended (std_passport_return, in force on the trip's end, a subsidiary's row winning),
    or still not handed back on the as-of date after that deadline. Returned on the deadline day is on time.
    The document type is read from how OA writes it (因公护照, 因私往来港澳通行证, 因 公护照, 公务护照,
    外交护照, 普通护照, 往来港澳通行证 ...). -#}
with custody as (
    select
        *,
        case
            -- 公务护照, 外交护照, 因公普通护照: documents issued for official business
            when {{ norm_name('document_type') }} like any (array['%因公%', '%公务%', '%外交%']) then '因公'
            -- 普通护照, 往来港澳通行证, 台湾通行证 written without 因公/因私 are private documents
            when {{ norm_name('document_type') }} like any (array['%因私%', '%普通护照%', '%通行证%', '%旅行证%']) then '因私'
            else {{ norm_text('document_type') }}
        end as document_kind,
        {{ norm_emp_code('emp_code') }} as emp_key
    from {{ ref('stg_oa__passport_custody') }}
),

rules as (
    select * from {{ ref('std_passport_return') }}
),

employees as (
    select distinct on (emp_key) *
    from {{ ref('int_hr__employees') }}
    order by emp_key, status = '在职' desc, emp_code
),

judged as (
    select
        custody.*,
        employees.emp_name,
        rule.days_to_return,
        rule.source as standard_source,
        rule.effective_from as standard_from,
        custody.trip_end_date + rule.days_to_return as deadline,
        coalesce(custody.returned_on, {{ as_of_date() }}) - (custody.trip_end_date + rule.days_to_return)
            as days_late
    from custody
    left join employees on employees.emp_key = custody.emp_key
    left join lateral (
        {{ standard_in_force('rules', 'custody.trip_end_date', 'custody.subsidiary_code',
                             'rules.document_type = custody.document_kind') }}
    ) as rule on true
),

final as (
    select
        'RF_HR_004' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        coalesce(emp_name, emp_code) as subject_name,
        to_char(trip_end_date, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', case when returned_on is null then '评价日逾期仍未交回' else '逾期交回' end,
            '持证人', emp_name,
            '证照类别', document_type,
            '证照号码', document_no,
            '行程结束日期', trip_end_date,
            '应交回日期', deadline,
            '实际交回日期', returned_on,
            '逾期天数', days_late,
            '交回期限', days_to_return || '天',
            '评价日', {{ as_of_date() }},
            '标准出处', standard_source,
            '标准生效日期', standard_from
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.passport_custody', ['record_id'], "'证照借用 ' || record_id") }})
            as source_refs,
        record_id as flag_key
    from judged
    where days_late > 0
)

select * from final
