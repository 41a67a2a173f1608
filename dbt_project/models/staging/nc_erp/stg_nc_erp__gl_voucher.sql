{#- Generated from include/sources/nc_erp/gl_voucher.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'gl_voucher') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        voucher_id,
        org_code as subsidiary_code,
        voucher_no,
        preparer_code,
        checker_code,
        poster_code,
        -- strings
        voucher_type,
        preparer_name,
        checker_name,
        poster_name,
        source_type,
        source_module,
        summary,
        -- amounts and numbers
        fiscal_year,
        period,
        attachment_count,
        -- dates
        prepared_date,
        prepared_at,
        checked_at,
        posted_at,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
