{#- 报送质量评分卡: per subsidiary and quarter (the quarter a ledger was due in), how every Excel ledger (台账)
    due by the as-of date arrived: timeliness (received on time / expected), completeness (received /
    expected), validity (passed whole-file validation / received), with every submission as detail.
    Late means received more than late_tolerance_days after the due date (std_reporting_quality). -#}
with submissions as (
    select * from {{ ref('stg_ledger__submissions') }}
    where due_date <= {{ as_of_date() }}
),

standards as (
    select * from {{ ref('std_reporting_quality') }}
),

judged as (
    select
        submissions.*,
        to_char(submissions.due_date, 'YYYY"Q"Q') as quarter,
        submissions.status in ('loaded', 'late') as is_received,
        submissions.status in ('loaded', 'late', 'rejected') as is_delivered,
        submissions.status = 'rejected' as is_rejected,
        greatest(submissions.received_date - submissions.due_date, 0) as days_after_due,
        submissions.status in ('loaded', 'late')
            and submissions.received_date - submissions.due_date <= standard.late_tolerance_days as is_on_time,
        standard.late_tolerance_days,
        standard.min_timeliness,
        standard.min_completeness,
        standard.min_validity,
        standard.source as standard_source,
        standard.effective_from as standard_effective_from
    from submissions
    cross join lateral (
        -- the subsidiary's own standard in force wins over the group default
        {{ standard_in_force('standards', as_of_date(), 'submissions.subsidiary_code') }}
    ) as standard
),

per_quarter as (
    select
        subsidiary_code,
        quarter,
        min(late_tolerance_days) as late_tolerance_days,
        min(min_timeliness) as min_timeliness,
        min(min_completeness) as min_completeness,
        min(min_validity) as min_validity,
        min(standard_source) as standard_source,
        min(standard_effective_from) as standard_effective_from,
        count(*) as expected_count,
        count(*) filter (where is_delivered) as delivered_count,
        count(*) filter (where is_received) as received_count,
        count(*) filter (where is_on_time) as on_time_count,
        count(*) filter (where is_received and not is_on_time) as late_count,
        count(*) filter (where status = 'missing') as missing_count,
        count(*) filter (where is_rejected) as rejected_count,
        jsonb_agg(
            jsonb_build_object(
                '台账', ledger_type,
                '报送期间', ledger_period,
                '应报日期', due_date,
                '实际报送日期', received_date,
                '逾期天数', case when is_received and not is_on_time then days_after_due end,
                '报送状态', status_zh,
                '文件名', file_name,
                '说明', message
            ) order by due_date, ledger_type
        ) as details
    from judged
    group by subsidiary_code, quarter
),

final as (
    select
        -- ids
        subsidiary_code,
        quarter,
        -- counts
        expected_count,
        delivered_count,
        received_count,
        on_time_count,
        late_count,
        missing_count,
        rejected_count,
        -- scores (1 = perfect)
        round(on_time_count::numeric / nullif(expected_count, 0), 4) as timeliness,
        round(received_count::numeric / nullif(expected_count, 0), 4) as completeness,
        round(coalesce(received_count::numeric / nullif(delivered_count, 0), 1), 4) as validity,
        round((on_time_count::numeric / nullif(expected_count, 0)
               + received_count::numeric / nullif(expected_count, 0)
               + coalesce(received_count::numeric / nullif(delivered_count, 0), 1)) / 3, 4) as score,
        -- standard applied
        late_tolerance_days,
        min_timeliness,
        min_completeness,
        min_validity,
        standard_source,
        standard_effective_from,
        -- evidence
        details,
        {{ as_of_date() }} as as_of_date
    from per_quarter
)

select * from final
