{#- Generated from include/sources/oa/payment_approval.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'payment_approval') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        approval_id,
        org_code as subsidiary_code,
        approver_emp_code,
        -- strings
        matter_category,
        payee_name,
        status,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        approved_at,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
