{#- Generated from include/sources/nc_erp/fixed_asset_card.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'fixed_asset_card') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        card_no,
        org_code as subsidiary_code,
        register_id,
        -- strings
        asset_name,
        category,
        status,
        -- amounts and numbers
        cast(original_value as numeric(18, 2)) as original_value,
        -- dates
        acquired_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
