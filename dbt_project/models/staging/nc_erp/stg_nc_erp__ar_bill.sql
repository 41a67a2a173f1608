with source as (
    select * from {{ source('nc_erp', 'ar_bill') }}
    where _deleted_at is null  -- rows deleted in the source stay in raw, marked; never live
),

renamed as (
    select
        -- ids
        bill_no,
        org_code as subsidiary_code,
        customer_code,
        -- strings
        currency,
        summary,
        -- amounts
        cast(bill_amount as numeric(18, 2)) as bill_amount,
        cast(received_amount as numeric(18, 2)) as received_amount,
        cast(open_balance as numeric(18, 2)) as open_balance,
        -- dates
        bill_date,
        due_date,
        last_movement_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
