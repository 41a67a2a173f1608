{#- Bank accounts (资金账户) with the account number as digits only (norm_account) and the type and fund source as
    text (norm_text). -#}
with accounts as (
    select * from {{ ref('stg_nc_erp__fund_account') }}
),

final as (
    select
        accounts.*,
        -- keys
        {{ norm_account('accounts.account_no') }} as account_key,
        {{ norm_text('accounts.account_type') }} as account_type_key,
        {{ norm_text('accounts.fund_source') }} as fund_source_key
    from accounts
)

select * from final
