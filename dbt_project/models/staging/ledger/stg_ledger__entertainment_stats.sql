with source as (
    select * from {{ source('ledger', 'entertainment_stats') }}
),

renamed as (
    select
        -- ids
        subsidiary_code,
        period as ledger_period,
        claim_no,
        approval_no,
        -- strings
        guest_unit,
        location,
        -- numbers and amounts
        guest_count,
        staff_count,
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        event_date,
        -- lineage
        _file_name as file_name,
        _received_at as received_at,
        _batch_id as batch_id
    from source
)

select * from renamed
