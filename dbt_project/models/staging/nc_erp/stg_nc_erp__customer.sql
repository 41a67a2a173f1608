{#- Generated from include/sources/nc_erp/customer.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'customer') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        customer_code,
        credit_code,
        -- strings
        customer_name,
        region,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
