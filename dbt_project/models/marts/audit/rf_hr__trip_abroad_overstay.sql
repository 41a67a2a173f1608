{#- RF_HR_005 出国（境）超期滞留: back later than the approved entry date, or abroad more days than approved. -#}
with trips as (
    select * from {{ ref('stg_oa__trip_abroad') }}
    where actual_exit is not null and actual_entry is not null
),

employees as (
    select * from {{ ref('stg_hr__employee') }}
),

final as (
    select
        'RF_HR_005' as rule_id,
        trips.subsidiary_code,
        'person' as subject_type,
        trips.emp_code as subject_id,
        employees.emp_name as subject_name,
        to_char(trips.approved_start, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', case when trips.actual_entry > trips.approved_end
                        then '实际入境晚于批准日期' || (trips.actual_entry - trips.approved_end) || '天'
                        else '实际出访' || (trips.actual_entry - trips.actual_exit + 1) || '天，超过批准天数' end,
            '出访人', employees.emp_name,
            '目的地', trips.destination,
            '出访任务', trips.purpose,
            '批准日期', trips.approved_start || ' 至 ' || trips.approved_end,
            '批准天数', trips.approved_days,
            '实际日期', trips.actual_exit || ' 至 ' || trips.actual_entry,
            '实际天数', trips.actual_entry - trips.actual_exit + 1,
            '标准出处', '因公出国（境）管理相关规定'
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.trip_abroad', ['trip_id'], "'出访审批 ' || trip_id") }})
            as source_refs,
        trips.trip_id as flag_key
    from trips
    left join employees on employees.emp_code = trips.emp_code
    where trips.actual_entry > trips.approved_end
        or trips.actual_entry - trips.actual_exit + 1 > trips.approved_days
)

select * from final
