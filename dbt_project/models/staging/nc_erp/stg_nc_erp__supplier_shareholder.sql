{#- Generated from include/sources/nc_erp/supplier_shareholder.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'supplier_shareholder') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        supplier_code,
        seq_no,
        -- strings
        shareholder_name,
        shareholder_id_number,
        -- amounts and numbers
        cast(share_ratio as numeric(18, 2)) as share_ratio,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
