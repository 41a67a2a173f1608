{#- Generated from include/sources/asset/disposal.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('asset', 'disposal') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        disposal_no,
        org_code as subsidiary_code,
        register_id,
        decision_item_no,
        -- strings
        method,
        buyer,
        -- amounts and numbers
        cast(appraised_value as numeric(18, 2)) as appraised_value,
        cast(deal_price as numeric(18, 2)) as deal_price,
        -- dates
        disposal_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
