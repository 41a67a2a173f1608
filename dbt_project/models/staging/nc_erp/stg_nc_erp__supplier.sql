{#- Generated from include/sources/nc_erp/supplier.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'supplier') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        supplier_code,
        credit_code,
        -- strings
        supplier_name,
        legal_rep_name,
        legal_rep_id_number,
        contact_phone,
        address,
        bank_name,
        bank_account,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
