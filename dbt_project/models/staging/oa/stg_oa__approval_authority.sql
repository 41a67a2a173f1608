{#- Generated from include/sources/oa/approval_authority.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'approval_authority') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        authority_id,
        org_code as subsidiary_code,
        emp_code,
        -- strings
        matter_category,
        -- amounts and numbers
        cast(limit_amount as numeric(18, 2)) as limit_amount,
        -- dates
        start_date,
        end_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
