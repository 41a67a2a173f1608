{#- Wealth-management product purchases with the paying account number as digits only (norm_account). -#}
with purchases as (
    select * from {{ ref('stg_nc_erp__wealth_product_purchase') }}
),

final as (
    select
        purchases.*,
        -- keys
        {{ norm_account('purchases.account_no') }} as account_key
    from purchases
)

select * from final
