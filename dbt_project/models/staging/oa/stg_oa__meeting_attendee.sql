{#- Generated from include/sources/oa/meeting_attendee.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'meeting_attendee') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        meeting_no,
        emp_code,
        -- strings
        emp_name,
        attendance,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
