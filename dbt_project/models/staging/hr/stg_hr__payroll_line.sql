{#- Generated from include/sources/hr/payroll_line.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'payroll_line') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        emp_code,
        pay_month,
        item_code,
        org_code as subsidiary_code,
        -- strings
        item_name,
        item_category,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
