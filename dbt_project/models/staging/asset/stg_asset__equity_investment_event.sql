{#- Generated from include/sources/asset/equity_investment_event.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('asset', 'equity_investment_event') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        event_no,
        org_code as subsidiary_code,
        decision_no,
        -- strings
        investee,
        event_type,
        counterparty,
        -- amounts and numbers
        cast(amount_due as numeric(18, 2)) as amount_due,
        -- dates
        event_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
