{#- Generated from include/sources/nc_erp/gl_voucher_line.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'gl_voucher_line') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        detail_id,
        voucher_id,
        line_no,
        account_code,
        customer_code,
        supplier_code,
        person_code,
        project_code,
        -- strings
        summary,
        currency,
        dept_name,
        -- amounts and numbers
        cast(debit as numeric(18, 2)) as debit,
        cast(credit as numeric(18, 2)) as credit,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
