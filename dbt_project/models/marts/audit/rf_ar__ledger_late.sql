{#- RF_AR_003 应收账款台账未按时报送: per subsidiary and quarter, a receivables ledger (应收账款台账) received
    after its due date, not received by the as-of date, or rejected for its format and not replaced.
    Submissions are recorded by the ledger loader in audit_meta.ledger_submissions; the due date comes from
    include/ledgers/ar_ledger.yml (季度终了后5日内). Submitted on the due date itself is on time. -#}
with submissions as (
    select * from {{ ref('stg_ledger__submissions') }}
    where ledger_type = 'ar_ledger'
),

overdue as (
    select
        submissions.*,
        {{ as_of_date() }} as as_of_date,
        case
            when submissions.status = 'late' then submissions.received_date - submissions.due_date
            else {{ as_of_date() }} - submissions.due_date
        end as overdue_days
    from submissions
    where submissions.due_date < {{ as_of_date() }}
      and (
          submissions.status in ('missing', 'rejected')
          or (submissions.status = 'late' and submissions.received_date > submissions.due_date)
      )
),

final as (
    select
        'RF_AR_003' as rule_id,
        overdue.subsidiary_code,
        'ledger' as subject_type,
        'ar_ledger:' || overdue.ledger_period as subject_id,
        '应收账款台账 ' || overdue.ledger_period as subject_name,
        to_char(overdue.due_date, 'YYYY-MM') as period,
        cast(0 as numeric(18, 2)) as amount,
        jsonb_build_object(
            '台账', '应收账款台账',
            '报送期间', overdue.ledger_period,
            '应报日期', overdue.due_date,
            '实际报送日期', overdue.received_date,
            '逾期天数', overdue.overdue_days,
            '报送状态', overdue.status_zh,
            '文件名', overdue.file_name,
            '说明', overdue.message,
            '评价日', overdue.as_of_date,
            '标准', '季度终了后5日内报送应收账款台账（当日报送不算逾期）',
            '标准出处', 'include/ledgers/ar_ledger.yml；集团往来款项台账管理制度'
        ) as evidence,
        jsonb_build_array(jsonb_build_object(
            'table', 'audit_meta.ledger_submissions',
            'key', jsonb_build_object(
                'subsidiary_code', overdue.subsidiary_code, 'ledger_type', 'ar_ledger', 'period', overdue.ledger_period
            ),
            'label', '应收账款台账报送记录 ' || overdue.ledger_period || coalesce(' ' || overdue.file_name, '')
        )) as source_refs,
        overdue.subsidiary_code || '|ar_ledger|' || overdue.ledger_period as flag_key
    from overdue
)

select * from final
