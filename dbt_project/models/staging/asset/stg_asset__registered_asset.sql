{#- Generated from include/sources/asset/registered_asset.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('asset', 'registered_asset') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        register_id,
        org_code as subsidiary_code,
        -- strings
        asset_type,
        asset_name,
        location,
        status,
        -- amounts and numbers
        cast(registered_value as numeric(18, 2)) as registered_value,
        -- dates
        registered_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
