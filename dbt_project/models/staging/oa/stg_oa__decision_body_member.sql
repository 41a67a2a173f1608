{#- Generated from include/sources/oa/decision_body_member.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'decision_body_member') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        org_code as subsidiary_code,
        body,
        emp_code,
        start_date,
        -- strings
        emp_name,
        role,
        -- dates
        end_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
