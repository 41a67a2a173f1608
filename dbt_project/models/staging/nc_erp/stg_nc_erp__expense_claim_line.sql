{#- Generated from include/sources/nc_erp/expense_claim_line.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('nc_erp', 'expense_claim_line') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        claim_no,
        line_no,
        traveller_emp_code,
        invoice_code,
        invoice_no,
        -- strings
        expense_type,
        origin_city,
        dest_city,
        transport_mode,
        transport_class,
        vehicle_plate,
        item_name,
        -- amounts and numbers
        hotel_nights,
        cast(nightly_rate as numeric(18, 2)) as nightly_rate,
        guest_count,
        accompany_count,
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        start_date,
        end_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
