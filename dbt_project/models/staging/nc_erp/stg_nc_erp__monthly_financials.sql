{#- Generated from include/sources/nc_erp/monthly_financials.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'monthly_financials') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        org_code as subsidiary_code,
        report_month,
        -- amounts and numbers
        cast(total_assets as numeric(18, 2)) as total_assets,
        cast(total_liabilities as numeric(18, 2)) as total_liabilities,
        cast(revenue as numeric(18, 2)) as revenue,
        cast(net_profit as numeric(18, 2)) as net_profit,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
