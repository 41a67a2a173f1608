{#- Generated from include/sources/nc_erp/income_receipt.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'income_receipt') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        receipt_no,
        org_code as subsidiary_code,
        ref_no,
        voucher_no,
        -- strings
        income_kind,
        payer,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        receipt_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
