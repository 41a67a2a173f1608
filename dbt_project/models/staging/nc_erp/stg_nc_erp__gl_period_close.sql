{#- Generated from include/sources/nc_erp/gl_period_close.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'gl_period_close') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        org_code as subsidiary_code,
        fiscal_year,
        period,
        -- strings
        closed_by,
        -- dates
        closed_at,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
