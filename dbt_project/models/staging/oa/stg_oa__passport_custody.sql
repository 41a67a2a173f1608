{#- Generated from include/sources/oa/passport_custody.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'passport_custody') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        record_id,
        emp_code,
        org_code as subsidiary_code,
        document_no,
        -- strings
        document_type,
        -- dates
        borrowed_on,
        trip_end_date,
        returned_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
