{#- Generated from include/sources/asset/rental_contract.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('asset', 'rental_contract') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        contract_no,
        org_code as subsidiary_code,
        register_id,
        -- strings
        tenant,
        -- amounts and numbers
        cast(appraised_annual_rent as numeric(18, 2)) as appraised_annual_rent,
        cast(contracted_annual_rent as numeric(18, 2)) as contracted_annual_rent,
        cast(rent_received as numeric(18, 2)) as rent_received,
        -- dates
        start_date,
        end_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
