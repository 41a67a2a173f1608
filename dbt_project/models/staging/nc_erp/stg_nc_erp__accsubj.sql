{#- Generated from include/sources/nc_erp/accsubj.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'accsubj') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        account_code,
        parent_code,
        -- strings
        account_name,
        account_path,
        account_class,
        balance_direction,
        -- amounts and numbers
        account_level,
        -- dates
        ts as modified_at,
        -- flags
        enabled,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
