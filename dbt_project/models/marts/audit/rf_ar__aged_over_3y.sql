{#- RF_AR_001 应收账款挂账3年以上: per subsidiary and customer, the open balance of bills older than
    three years (the 3年以上 bucket of std_receivable_aging), with every bill as evidence. Balances are net of
    red-ink (红字) bills (int_ar__open_bills): a reversal clears or reduces the old bill it reverses and is never
    aged debt itself. -#}
with aging as (
    select * from {{ ref('int_ar__bill_aging') }}
    where is_red_flag_bucket
),

customers as (
    select * from {{ ref('stg_nc_erp__customer') }}
),

per_customer as (
    select
        aging.subsidiary_code,
        aging.customer_code,
        max(aging.as_of_date) as as_of_date,
        min(aging.bucket_min_days) as threshold_days,
        min(aging.bucket_source) as standard_source,
        min(aging.bucket_effective_from) as standard_effective_from,
        min(aging.bucket_name) as bucket_name,
        sum(aging.open_balance) as amount,
        max(aging.age_days) as max_age_days,
        min(aging.bill_date) as earliest_bill_date,
        count(*) as bill_count,
        jsonb_agg(
            jsonb_build_object(
                '应收单号', aging.bill_no,
                '单据日期', aging.bill_date,
                '到期日', aging.due_date,
                '应收金额', aging.bill_amount,
                '已收金额', aging.received_amount,
                '未核销余额', aging.open_balance,
                '红字冲销金额', nullif(aging.red_ink_amount, 0),
                '红字应收单', aging.red_bill_nos,
                '账龄天数', aging.age_days,
                '摘要', aging.summary
            ) order by aging.bill_date, aging.bill_no
        ) as bills,
        jsonb_agg(
            {{ source_ref('nc_erp.ar_bill', ['bill_no'], "'应收单 ' || bill_no") }}
            order by aging.bill_date, aging.bill_no
        ) as refs
    from aging
    group by aging.subsidiary_code, aging.customer_code
),

final as (
    select
        'RF_AR_001' as rule_id,
        per_customer.subsidiary_code,
        'customer' as subject_type,
        per_customer.customer_code as subject_id,
        customers.customer_name as subject_name,
        to_char(per_customer.as_of_date, 'YYYY-MM') as period,
        per_customer.amount,
        jsonb_build_object(
            '客户', customers.customer_name,
            '未核销余额合计', per_customer.amount,
            '最长账龄天数', per_customer.max_age_days,
            '最长账龄', round(per_customer.max_age_days / 365.0, 1) || '年',
            '最早挂账日期', per_customer.earliest_bill_date,
            '评价日', per_customer.as_of_date,
            '标准', '账龄超过' || (per_customer.threshold_days - 1) || '天（' || per_customer.bucket_name || '）',
            '标准出处', per_customer.standard_source,
            '标准生效日期', per_customer.standard_effective_from,
            '单据数', per_customer.bill_count,
            '单据明细', per_customer.bills
        ) as evidence,
        per_customer.refs as source_refs,
        per_customer.subsidiary_code || '|' || per_customer.customer_code as flag_key
    from per_customer
    left join customers on customers.customer_code = per_customer.customer_code
)

select * from final
