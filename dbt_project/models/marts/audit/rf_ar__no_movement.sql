{#- RF_AR_002 应收账款长期无变动: an open receivable bill with no movement (no receipt, no write-off) for more
    than the idle period of std_receivable_idle on the as-of date (a subsidiary's own period replaces the
    group default). Amount: the open balance, net of red-ink (红字) bills (int_ar__open_bills): a red-ink reversal
    is a movement of the bill it reduces (on its own date); the red-ink bill itself is never an open balance. -#}
with bills as (
    -- net of red-ink (红字) bills: a reversal reduces the bill it reverses and is no open receivable itself
    select * from {{ ref('int_ar__open_bills') }}
    where open_balance > 0
),

customers as (
    select * from {{ ref('stg_nc_erp__customer') }}
),

standards as (
    select * from {{ ref('std_receivable_idle') }}
),

judged as (
    select
        bills.*,
        std.idle_days,
        std.min_balance,
        std.source as standard_source,
        std.effective_from as standard_effective_from,
        {{ as_of_date() }} - coalesce(bills.last_movement_date, bills.bill_date) as idle_for
    from bills
    inner join lateral (
        {{ standard_in_force('standards', as_of_date(), 'bills.subsidiary_code') }}
    ) as std on true
),

final as (
    select
        'RF_AR_002' as rule_id,
        judged.subsidiary_code,
        'customer' as subject_type,
        judged.customer_code as subject_id,
        customers.customer_name as subject_name,
        to_char(coalesce(judged.last_movement_date, judged.bill_date), 'YYYY-MM') as period,
        judged.open_balance as amount,
        jsonb_build_object(
            '客户', customers.customer_name,
            '应收单号', judged.bill_no,
            '单据日期', judged.bill_date,
            '最近变动日期', coalesce(judged.last_movement_date, judged.bill_date),
            '无变动天数', judged.idle_for,
            '未核销余额', judged.open_balance,
            '红字冲销金额', nullif(judged.red_ink_amount, 0),
            '红字应收单', judged.red_bill_nos,
            '标准', '超过' || judged.idle_days || '天无变动',
            '评价日', {{ as_of_date() }},
            '摘要', judged.summary,
            '标准出处', judged.standard_source,
            '标准生效日期', judged.standard_effective_from
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.ar_bill', ['bill_no'], "'应收单 ' || bill_no") }}) as source_refs,
        judged.bill_no as flag_key
    from judged
    left join customers on customers.customer_code = judged.customer_code
    where judged.idle_for > judged.idle_days and judged.open_balance > judged.min_balance
)

select * from final
