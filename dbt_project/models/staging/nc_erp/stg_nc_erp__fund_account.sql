{#- Generated from include/sources/nc_erp/fund_account.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'fund_account') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        account_no,
        org_code as subsidiary_code,
        -- strings
        bank_name,
        account_type,
        fund_source,
        -- dates
        opened_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
