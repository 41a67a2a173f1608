{#- Generated from include/sources/oa/decision_meeting.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'decision_meeting') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        meeting_no,
        org_code as subsidiary_code,
        chair_emp_code,
        -- strings
        meeting_type,
        -- dates
        meeting_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
