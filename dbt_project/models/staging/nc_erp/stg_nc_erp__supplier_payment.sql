{#- Generated from include/sources/nc_erp/supplier_payment.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'supplier_payment') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        payment_no,
        org_code as subsidiary_code,
        supplier_code,
        approval_id,
        voucher_no,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        pay_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
