{#- Generated from include/sources/oa/entertainment_approval.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'entertainment_approval') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        approval_id,
        org_code as subsidiary_code,
        applicant_emp_code,
        -- strings
        guest_unit,
        reason,
        guest_list,
        letter_unit,
        status,
        -- amounts and numbers
        guest_count,
        guest_list_count,
        accompany_count,
        cast(approved_amount as numeric(18, 2)) as approved_amount,
        -- dates
        planned_date,
        approved_at,
        ts as modified_at,
        -- flags
        letter_attached,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
