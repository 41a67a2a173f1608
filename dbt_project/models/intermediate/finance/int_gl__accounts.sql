{#- The chart of accounts with the keys the journal-entry rules match on: the account path normalised
    (full-width forms, spaces: macros/normalise.sql) and whether the account holds money (库存现金, 银行存款,
    其他货币资金 of the 企业会计准则 chart, by code 1001/1002/1012 or by name, for charts numbered otherwise),
    the accounts a payment is made from. -#}
with accounts as (
    select * from {{ ref('stg_nc_erp__accsubj') }}
),

keyed as (
    select
        -- ids
        account_code,
        -- strings
        account_name,
        account_path,
        {{ norm_text('account_path') }} as account_path_key,
        account_class
    from accounts
),

final as (
    select
        keyed.*,
        -- booleans
        account_code like '1001%' or account_code like '1002%' or account_code like '1012%'
            or coalesce(account_path_key ~ '^(库存现金|现金|银行存款|其他货币资金)', false) as is_cash_or_bank
    from keyed
)

select * from final
