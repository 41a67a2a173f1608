{#- Generated from include/sources/oa/trip_abroad.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'trip_abroad') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        trip_id,
        emp_code,
        org_code as subsidiary_code,
        -- strings
        destination,
        purpose,
        -- amounts and numbers
        approved_days,
        -- dates
        approved_start,
        approved_end,
        actual_exit,
        actual_entry,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
