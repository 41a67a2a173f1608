{#- Generated from include/sources/oa/procurement_approval.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'procurement_approval') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        approval_id,
        org_code as subsidiary_code,
        applicant_emp_code,
        approver_emp_code,
        supplier_code,
        -- strings
        item_name,
        category,
        budget_project,
        supplier_name,
        method,
        status,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        inquiry_records,
        -- dates
        approved_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
