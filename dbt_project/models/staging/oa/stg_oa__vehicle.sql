{#- Generated from include/sources/oa/vehicle.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'vehicle') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        plate_no,
        org_code as subsidiary_code,
        -- strings
        vehicle_type,
        status,
        -- dates
        registered_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
