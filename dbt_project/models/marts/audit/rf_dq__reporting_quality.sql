{#- RF_DQ_001 数据统计与报送不严谨: per subsidiary and quarter, the reporting scorecard below the standard
    (std_reporting_quality): a ledger received late, not received, or rejected for its format and not
    replaced. Evidence is the quarter's scorecard; source_refs are the submissions that cost the score. -#}
with scorecard as (
    select * from {{ ref('fct_reporting_scorecard') }}
),

submissions as (
    select
        *,
        to_char(due_date, 'YYYY"Q"Q') as quarter
    from {{ ref('stg_ledger__submissions') }}
    where due_date <= {{ as_of_date() }}
),

below_standard as (
    select * from scorecard
    where timeliness < min_timeliness
       or completeness < min_completeness
       or validity < min_validity
),

offending as (
    select
        below_standard.subsidiary_code,
        below_standard.quarter,
        jsonb_agg(
            jsonb_build_object(
                'table', 'audit_meta.ledger_submissions',
                'key', jsonb_build_object(
                    'subsidiary_code', submissions.subsidiary_code,
                    'ledger_type', submissions.ledger_type,
                    'period', submissions.ledger_period
                ),
                'label', '台账报送记录 ' || submissions.ledger_type || ' ' || submissions.ledger_period
                    || '（' || submissions.status_zh || '）'
            ) order by submissions.due_date, submissions.ledger_type
        ) as refs
    from below_standard
    inner join submissions
        on submissions.subsidiary_code = below_standard.subsidiary_code
        and submissions.quarter = below_standard.quarter
    where submissions.status in ('missing', 'rejected')
       or (submissions.status in ('loaded', 'late')
           and submissions.received_date - submissions.due_date > below_standard.late_tolerance_days)
    group by below_standard.subsidiary_code, below_standard.quarter
),

final as (
    select
        'RF_DQ_001' as rule_id,
        below_standard.subsidiary_code,
        'subsidiary' as subject_type,
        below_standard.subsidiary_code as subject_id,
        '台账报送 ' || below_standard.quarter as subject_name,
        to_char(make_date(cast(left(below_standard.quarter, 4) as integer),
                          cast(right(below_standard.quarter, 1) as integer) * 3, 1), 'YYYY-MM') as period,
        cast(0 as numeric(18, 2)) as amount,
        jsonb_build_object(
            '季度', below_standard.quarter,
            '应报份数', below_standard.expected_count,
            '按期份数', below_standard.on_time_count,
            '逾期份数', below_standard.late_count,
            '未报送份数', below_standard.missing_count,
            '退回份数', below_standard.rejected_count,
            '按期率', below_standard.timeliness,
            '完整率', below_standard.completeness,
            '有效率', below_standard.validity,
            '综合得分', below_standard.score,
            '标准', '按期率不低于' || below_standard.min_timeliness || '，完整率不低于' || below_standard.min_completeness
                || '，有效率不低于' || below_standard.min_validity || '；逾期容忍' || below_standard.late_tolerance_days || '天',
            '标准出处', below_standard.standard_source,
            '标准生效日期', below_standard.standard_effective_from,
            '评价日', below_standard.as_of_date,
            '报送明细', below_standard.details
        ) as evidence,
        offending.refs as source_refs,
        below_standard.subsidiary_code || '|' || below_standard.quarter as flag_key
    from below_standard
    inner join offending
        on offending.subsidiary_code = below_standard.subsidiary_code
        and offending.quarter = below_standard.quarter
)

select * from final
