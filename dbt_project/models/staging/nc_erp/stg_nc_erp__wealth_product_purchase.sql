{#- Generated from include/sources/nc_erp/wealth_product_purchase.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'wealth_product_purchase') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        purchase_no,
        org_code as subsidiary_code,
        account_no,
        -- strings
        product_name,
        issuer,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        purchase_date,
        maturity_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
