with source as (
    select * from {{ source('ledger', 'ar_ledger') }}
),

renamed as (
    select
        -- ids
        subsidiary_code,
        period as ledger_period,
        bill_no,
        -- strings
        customer_name,
        aging_bucket,
        collection_measures,
        responsible_person,
        -- amounts
        cast(open_balance as numeric(18, 2)) as open_balance,
        -- dates
        bill_date,
        due_date,
        -- lineage
        _file_name as file_name,
        _received_at as received_at,
        _batch_id as batch_id
    from source
)

select * from renamed
