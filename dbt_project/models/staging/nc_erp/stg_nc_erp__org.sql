{#- Generated from include/sources/nc_erp/org.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'org') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        org_code as subsidiary_code,
        parent_code,
        -- strings
        org_name,
        industry,
        -- amounts and numbers
        org_level,
        -- flags
        enabled,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
