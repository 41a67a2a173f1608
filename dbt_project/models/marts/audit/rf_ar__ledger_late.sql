{#- RF_AR_003 应收账款台账未按时报送、缺失或与总账余额不一致. Two kinds of finding:
    1. per subsidiary and quarter, a receivables ledger (应收账款台账) received after its due date, not received
       by the as-of date, or rejected for its format and not replaced. Submissions are recorded by the ledger
       loader in audit_meta.ledger_submissions; the due date comes from include/ledgers/ar_ledger.yml (季度终了后
       5日内). Submitted on the due date itself is on time.
    2. per subsidiary, quarter and customer, a loaded ledger whose balance disagrees with the ERP's receivable
       balance at quarter end by more than the tolerance of std_receivable_ledger. A ledger row belongs to the
       customer of the ERP bill with the same bill number (norm_code), else to its customer name (norm_org).
       The ERP's quarter-end balance of a bill is its open balance when nothing moved after the quarter end;
       when it moved later the ERP only keeps today's balance, so the quarter-end balance lies between today's
       open balance and the bill amount, and only a ledger figure outside that range (beyond the tolerance) is a
       disagreement. Customers on one side only count with a zero balance on the other. -#}
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

late_findings as (
    select
        overdue.subsidiary_code,
        'ledger' as subject_type,
        'ar_ledger:' || overdue.ledger_period as subject_id,
        '应收账款台账 ' || overdue.ledger_period as subject_name,
        to_char(overdue.due_date, 'YYYY-MM') as period,
        jsonb_build_object(
            '问题', '台账' || overdue.status_zh,
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
),

-- reconciliation with the ERP

loaded as (
    select
        submissions.*,
        (make_date(cast(left(submissions.ledger_period, 4) as integer),
                   cast(right(submissions.ledger_period, 1) as integer) * 3, 1)
         + interval '1 month' - interval '1 day')::date as quarter_end
    from submissions
    where submissions.status in ('loaded', 'late')
),

bills as (
    select * from {{ ref('int_ar__bills') }}
),

lines as (
    select * from {{ ref('int_ar__ledger_lines') }}
),

customer_names as (
    select subsidiary_code, customer_name_key, min(customer_code_key) as customer_code_key
    from bills
    group by subsidiary_code, customer_name_key
),

ledger_lines as (
    -- the customer of the ERP bill with the same number, else the ERP customer with the same name
    select
        lines.*,
        coalesce(by_bill.customer_code_key, by_name.customer_code_key, lines.customer_name_key) as customer_key
    from lines
    left join bills as by_bill
        on by_bill.subsidiary_code = lines.subsidiary_code
        and by_bill.bill_key = lines.bill_key
    left join customer_names as by_name
        on by_name.subsidiary_code = lines.subsidiary_code
        and by_name.customer_name_key = lines.customer_name_key
),

ledger_side as (
    select
        subsidiary_code,
        ledger_period,
        customer_key,
        min(customer_name) as customer_name,
        sum(open_balance) as ledger_balance,
        jsonb_agg(jsonb_build_object('应收单号', bill_no, '客户名称', customer_name, '期末余额', open_balance)
                  order by bill_no) as ledger_detail,
        jsonb_agg(jsonb_build_object(
            'table', 'ledger.ar_ledger',
            'key', jsonb_build_object('subsidiary_code', subsidiary_code, 'period', ledger_period, 'bill_no', bill_no),
            'label', '应收账款台账 ' || ledger_period || ' ' || bill_no
        ) order by bill_no) as ledger_refs
    from ledger_lines
    group by subsidiary_code, ledger_period, customer_key
),

erp_bills as (
    -- every ERP bill that may have been open at the quarter end, with the range its balance then lies in
    select
        loaded.ledger_period,
        loaded.quarter_end,
        bills.*,
        coalesce(bills.customer_code_key, bills.customer_name_key) as customer_key,
        coalesce(bills.last_movement_date, bills.bill_date) > loaded.quarter_end as moved_after,
        bills.open_balance as balance_low,
        case when coalesce(bills.last_movement_date, bills.bill_date) > loaded.quarter_end
             then greatest(bills.bill_amount, bills.open_balance) else bills.open_balance end as balance_high,
        -- surely open at the quarter end (still open now, or moved after it), yet not listed in a ledger that
        -- lists its bills by number: omitted, whatever its balance then was
        (bills.open_balance > 0 or coalesce(bills.last_movement_date, bills.bill_date) > loaded.quarter_end)
            and exists (
                select 1 from lines as itemised
                where itemised.subsidiary_code = loaded.subsidiary_code
                    and itemised.ledger_period = loaded.ledger_period and itemised.bill_key is not null
            )
            and not exists (
                select 1 from lines as listed
                where listed.subsidiary_code = loaded.subsidiary_code
                    and listed.ledger_period = loaded.ledger_period and listed.bill_key = bills.bill_key
            ) as is_omitted
    from loaded
    inner join bills
        on bills.subsidiary_code = loaded.subsidiary_code
        and bills.bill_date <= loaded.quarter_end
    where bills.open_balance <> 0 or coalesce(bills.last_movement_date, bills.bill_date) > loaded.quarter_end
),

erp_side as (
    select
        subsidiary_code,
        ledger_period,
        customer_key,
        min(customer_code) as customer_code,
        min(customer_name) as customer_name,
        sum(balance_low) as erp_low,
        sum(balance_high) as erp_high,
        jsonb_agg(bill_no order by bill_no) filter (where is_omitted) as omitted_bills,
        jsonb_agg(jsonb_build_object('应收单号', bill_no, '单据日期', bill_date, '应收金额', bill_amount,
                                     '当前未核销余额', open_balance, '最近变动日期', last_movement_date,
                                     '季末后有变动', moved_after)
                  order by bill_no) as erp_detail,
        jsonb_agg({{ source_ref('nc_erp.ar_bill', ['bill_no'], "'应收单 ' || bill_no") }} order by bill_no)
            as erp_refs
    from erp_bills
    group by subsidiary_code, ledger_period, customer_key
),

tolerances as (
    select * from {{ ref('std_receivable_ledger') }}
),

sides as (
    select
        coalesce(ledger_side.subsidiary_code, erp_side.subsidiary_code) as subsidiary_code,
        coalesce(ledger_side.ledger_period, erp_side.ledger_period) as ledger_period,
        coalesce(ledger_side.customer_key, erp_side.customer_key) as customer_key,
        erp_side.customer_code,
        coalesce(erp_side.customer_name, ledger_side.customer_name) as customer_name,
        coalesce(ledger_side.ledger_balance, 0) as ledger_balance,
        coalesce(erp_side.erp_low, 0) as erp_low,
        coalesce(erp_side.erp_high, 0) as erp_high,
        erp_side.omitted_bills,
        coalesce(ledger_side.ledger_detail, '[]'::jsonb) as ledger_detail,
        coalesce(ledger_side.ledger_refs, '[]'::jsonb) as ledger_refs,
        coalesce(erp_side.erp_detail, '[]'::jsonb) as erp_detail,
        coalesce(erp_side.erp_refs, '[]'::jsonb) as erp_refs
    from ledger_side
    full outer join erp_side
        on erp_side.subsidiary_code = ledger_side.subsidiary_code
        and erp_side.ledger_period = ledger_side.ledger_period
        and erp_side.customer_key = ledger_side.customer_key
),

compared as (
    select
        sides.*,
        loaded.quarter_end,
        loaded.file_name,
        tol.tolerance_amount,
        tol.source as standard_source,
        tol.effective_from as standard_effective_from,
        case
            when sides.ledger_balance < sides.erp_low then sides.ledger_balance - sides.erp_low
            when sides.ledger_balance > sides.erp_high then sides.ledger_balance - sides.erp_high
            else 0
        end as difference
    from sides
    inner join loaded
        on loaded.subsidiary_code = sides.subsidiary_code
        and loaded.ledger_period = sides.ledger_period
    left join lateral (
        {{ standard_in_force('tolerances', 'loaded.quarter_end', 'loaded.subsidiary_code') }}
    ) as tol on true
),

mismatch_findings as (
    select
        subsidiary_code,
        'customer' as subject_type,
        coalesce(customer_code, customer_key) as subject_id,
        customer_name || '（应收账款台账 ' || ledger_period || '）' as subject_name,
        to_char(quarter_end, 'YYYY-MM') as period,
        jsonb_build_object(
            '问题', case when abs(difference) > coalesce(tolerance_amount, 0)
                        then '台账余额与总账（ERP）季末应收余额不一致' else '台账漏列季末未结清的应收单' end,
            '台账漏列应收单', omitted_bills,
            '报送期间', ledger_period,
            '季末日期', quarter_end,
            '客户', customer_name,
            '台账余额', ledger_balance,
            'ERP季末余额', case when erp_low = erp_high then erp_low::text
                               else erp_low || ' 至 ' || erp_high || '（季末后有收款，按当前余额与原始金额推定）' end,
            '差额', difference,
            '容差', coalesce(tolerance_amount, 0),
            '台账明细', ledger_detail,
            'ERP明细', erp_detail,
            '文件名', file_name,
            '标准', '台账按客户汇总的期末余额与ERP季末应收余额之差不超过容差'
                || case when tolerance_amount is null then '（未匹配标准，按0元）' else '' end,
            '标准出处', coalesce(standard_source, '未匹配标准'),
            '标准生效日期', standard_effective_from
        ) as evidence,
        jsonb_build_array(jsonb_build_object(
            'table', 'audit_meta.ledger_submissions',
            'key', jsonb_build_object(
                'subsidiary_code', subsidiary_code, 'ledger_type', 'ar_ledger', 'period', ledger_period
            ),
            'label', '应收账款台账报送记录 ' || ledger_period || coalesce(' ' || file_name, '')
        )) || ledger_refs || erp_refs as source_refs,
        subsidiary_code || '|ar_ledger|' || ledger_period || '|' || customer_key as flag_key
    from compared
    where abs(difference) > coalesce(tolerance_amount, 0)
        -- an omitted bill had a positive balance at the quarter end that nothing in the ledger covers
        or (omitted_bills is not null and ledger_balance <= erp_low + coalesce(tolerance_amount, 0))
),

findings as (
    select * from late_findings
    union all
    select * from mismatch_findings
),

final as (
    select
        'RF_AR_003' as rule_id,
        subsidiary_code,
        subject_type,
        subject_id,
        subject_name,
        period,
        cast(0 as numeric(18, 2)) as amount,
        evidence,
        source_refs,
        flag_key
    from findings
)

select * from final
