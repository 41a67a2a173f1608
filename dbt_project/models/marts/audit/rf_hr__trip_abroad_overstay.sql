{#- RF_HR_005 出国（境）超期滞留: actual dates outside what was approved: back (entry) later than the approved entry
    date, out (exit) before the approved exit date, more days abroad than approved (counting both the exit and
    the entry day, as the approval does), or out and not back on the as-of date although the approved entry
    date has passed. Back on the approved day, or early, is not flagged. -#}
with trips as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as emp_key,
        actual_entry - actual_exit + 1 as actual_days
    from {{ ref('stg_oa__trip_abroad') }}
    where actual_exit is not null
),

employees as (
    select distinct on (emp_key) *
    from {{ ref('int_hr__employees') }}
    order by emp_key, status = '在职' desc, emp_code
),

judged as (
    select
        trips.*,
        employees.emp_name,
        concat_ws('；',
            case when actual_entry is null and {{ as_of_date() }} > approved_end
                then '评价日仍未入境，已超过批准入境日期' || ({{ as_of_date() }} - approved_end) || '天' end,
            case when actual_entry > approved_end
                then '实际入境晚于批准日期' || (actual_entry - approved_end) || '天' end,
            case when actual_exit < approved_start
                then '实际出境早于批准日期' || (approved_start - actual_exit) || '天' end,
            case when actual_days > approved_days
                then '实际出访' || actual_days || '天，超过批准' || approved_days || '天' end
        ) as finding
    from trips
    left join employees on employees.emp_key = trips.emp_key
),

final as (
    select
        'RF_HR_005' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        coalesce(emp_name, emp_code) as subject_name,
        to_char(approved_start, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', finding,
            '出访人', emp_name,
            '目的地', destination,
            '出访任务', purpose,
            '批准日期', approved_start || ' 至 ' || approved_end,
            '批准天数', approved_days,
            '实际日期', actual_exit || ' 至 ' || coalesce(actual_entry::text, '未入境'),
            '实际天数', actual_days,
            '评价日', {{ as_of_date() }},
            '标准出处', '因公出国（境）管理相关规定'
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.trip_abroad', ['trip_id'], "'出访审批 ' || trip_id") }})
            as source_refs,
        trip_id as flag_key
    from judged
    where finding <> ''
)

select * from final
