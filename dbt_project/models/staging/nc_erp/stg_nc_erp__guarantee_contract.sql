{#- Generated from include/sources/nc_erp/guarantee_contract.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'guarantee_contract') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        contract_no,
        org_code as subsidiary_code,
        decision_item_no,
        -- strings
        guaranteed_party,
        guarantee_type,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        sign_date,
        end_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
