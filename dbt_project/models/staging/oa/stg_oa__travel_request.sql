{#- Generated from include/sources/oa/travel_request.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'travel_request') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        request_id,
        org_code as subsidiary_code,
        traveller_emp_code,
        approver_emp_code,
        -- strings
        purpose,
        dest_city,
        status,
        -- dates
        start_date,
        end_date,
        approved_at,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
