with source as (
    select * from {{ source('ledger', 'travel_ledger') }}
),

renamed as (
    select
        -- ids
        subsidiary_code,
        period as ledger_period,
        claim_no,
        -- strings
        traveller,
        department,
        destination,
        purpose,
        -- amounts
        cast(transport_amount as numeric(18, 2)) as transport_amount,
        cast(hotel_amount as numeric(18, 2)) as hotel_amount,
        cast(allowance_amount as numeric(18, 2)) as allowance_amount,
        cast(total_amount as numeric(18, 2)) as total_amount,
        -- dates
        start_date,
        end_date,
        -- lineage
        _file_name as file_name,
        _received_at as received_at,
        _batch_id as batch_id
    from source
)

select * from renamed
