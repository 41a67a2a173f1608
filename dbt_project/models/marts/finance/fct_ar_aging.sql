{#- Receivable aging per subsidiary, customer and bucket on the as-of date (the 1/2/3-year context). -#}
with aging as (
    select * from {{ ref('int_ar__bill_aging') }}
),

customers as (
    select * from {{ ref('stg_nc_erp__customer') }}
),

final as (
    select
        -- ids
        aging.subsidiary_code,
        aging.customer_code,
        aging.bucket_code,
        -- strings
        customers.customer_name,
        aging.bucket_name,
        -- amounts
        count(*) as bill_count,
        sum(aging.open_balance) as open_balance,
        -- dates
        aging.as_of_date,
        min(aging.bill_date) as earliest_bill_date,
        max(aging.age_days) as max_age_days
    from aging
    left join customers using (customer_code)
    group by 1, 2, 3, 4, 5, aging.as_of_date
)

select * from final
