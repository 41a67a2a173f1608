{#- Generated from include/sources/nc_erp/expense_claim.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'expense_claim') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        claim_no,
        org_code as subsidiary_code,
        claimant_emp_code,
        oa_request_id,
        -- strings
        claim_type,
        approval_status,
        summary,
        -- amounts and numbers
        cast(total_amount as numeric(18, 2)) as total_amount,
        -- dates
        claim_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
