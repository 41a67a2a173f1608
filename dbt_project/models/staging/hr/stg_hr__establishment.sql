{#- Generated from include/sources/hr/establishment.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'establishment') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        org_code as subsidiary_code,
        dept_name,
        position_title,
        -- amounts and numbers
        approved_count,
        -- dates
        approved_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
