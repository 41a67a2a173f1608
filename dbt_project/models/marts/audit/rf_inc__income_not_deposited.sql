{#- RF_INC_001 收入未及时足额入账（截留、坐支）: income the asset register or the investment records say is due
    (a disposal's deal price, an equity sale's price, a declared dividend) that the ERP did not book in full
    within the deposit window of its kind (std_income_deposit, in force on the event date, a subsidiary's row
    winning): receipts of the same subsidiary booked under the disposal or event number, however typed
    (norm_code), dated on or before the last day of the window, summed. Judged once the window has passed on the
    as-of date; a receipt on the last day is in time. A write-off without a price is not income. Receipts booked
    after the window are listed in the evidence (逾期入账) but do not count. Amount: due less booked in time. -#}
with disposals as (
    select * from {{ ref('int_asset__disposals') }}
),

events as (
    select * from {{ ref('stg_asset__equity_investment_event') }}
),

receipts as (
    select *, {{ norm_code('ref_no') }} as ref_key
    from {{ ref('stg_nc_erp__income_receipt') }}
),

windows as (
    select * from {{ ref('std_income_deposit') }}
),

-- every income due, from the asset register and the investment records
income as (
    select
        subsidiary_code,
        'asset.disposal' as source_table,
        'disposal_no' as key_column,
        disposal_no as ref_no,
        '资产处置收入' as income_kind,
        '资产处置（' || method || '）' as event_label,
        register_id as subject_id,
        '处置资产 ' || register_id as subject_name,
        buyer as counterparty,
        null::text as decision_no,
        deal_price as amount_due,
        disposal_date as event_date
    from disposals
    where deal_price > 0
    union all
    select
        subsidiary_code,
        'asset.equity_investment_event',
        'event_no',
        event_no,
        case {{ norm_investment_event('event_type') }} when '股权转让' then '股权转让收入' when '分红' then '分红收入' end,
        event_type || '（' || investee || '）',
        event_no,
        '对外投资 ' || investee,
        counterparty,
        decision_no,
        amount_due,
        event_date
    from events
),

judged as (
    select
        income.*,
        {{ norm_code('income.ref_no') }} as ref_key,
        window_std.deposit_window_days,
        window_std.source as standard_source,
        window_std.effective_from as standard_from,
        income.event_date + window_std.deposit_window_days as deadline,
        coalesce(booked.in_time, 0) as booked_in_time,
        coalesce(booked.late, 0) as booked_late,
        coalesce(booked.detail, '[]'::jsonb) as receipt_detail,
        coalesce(booked.refs, '[]'::jsonb) as receipt_refs
    from income
    left join lateral (
        {{ standard_in_force('windows', 'income.event_date', 'income.subsidiary_code',
                             'windows.income_kind = income.income_kind') }}
    ) as window_std on true
    left join lateral (
        select
            sum(receipts.amount) filter (
                where receipts.receipt_date <= income.event_date + window_std.deposit_window_days) as in_time,
            sum(receipts.amount) filter (
                where receipts.receipt_date > income.event_date + window_std.deposit_window_days) as late,
            jsonb_agg(jsonb_build_object(
                '收款单号', receipts.receipt_no, '入账单号', receipts.ref_no, '收入类别', receipts.income_kind,
                '付款方', receipts.payer, '收款日期', receipts.receipt_date, '入账金额', receipts.amount,
                '记账凭证号', receipts.voucher_no,
                '是否期限内', case when receipts.receipt_date <= income.event_date + window_std.deposit_window_days
                                  then '期限内' else '逾期入账' end)
                order by receipts.receipt_date, receipts.receipt_no) as detail,
            jsonb_agg({{ source_ref('nc_erp.income_receipt', ['receipt_no'], "'收入收款 ' || receipt_no") }}
                      order by receipts.receipt_date, receipts.receipt_no) as refs
        from receipts
        where receipts.subsidiary_code = income.subsidiary_code
            and receipts.ref_key = {{ norm_code('income.ref_no') }}
            and receipts.receipt_date <= {{ as_of_date() }}
    ) as booked on true
),

final as (
    select
        'RF_INC_001' as rule_id,
        subsidiary_code,
        'asset' as subject_type,
        subject_id,
        subject_name,
        to_char(event_date, 'YYYY-MM') as period,
        amount_due - booked_in_time as amount,
        jsonb_build_object(
            '问题', income_kind || case when booked_in_time = 0 and booked_late = 0 then '未入账'
                                       when booked_in_time = 0 then '未在期限内入账'
                                       else '未在期限内足额入账' end || '（疑似截留、坐支）',
            '事项', event_label,
            '单号', ref_no,
            '付款方', counterparty,
            '决议或批复文号', decision_no,
            '事项日期', event_date,
            '应收金额', amount_due,
            '入账期限', deposit_window_days || '天（至' || deadline || '）',
            '期限内入账金额', booked_in_time,
            '逾期入账金额', booked_late,
            '未入账金额', amount_due - booked_in_time,
            '收款明细', receipt_detail,
            '评价日', {{ as_of_date() }},
            '标准', income_kind || '自事项日期起' || deposit_window_days || '天内足额入账',
            '标准出处', standard_source,
            '标准生效日期', standard_from
        ) as evidence,
        jsonb_build_array(jsonb_build_object(
            'table', source_table, 'key', jsonb_build_object(key_column, ref_no),
            'label', case when source_table = 'asset.disposal' then '资产处置 ' else '股权投资事项 ' end || ref_no))
            || receipt_refs as source_refs,
        source_table || '|' || ref_no as flag_key
    from judged
    where deadline < {{ as_of_date() }}
        and amount_due - booked_in_time > 0.01
)

select * from final
