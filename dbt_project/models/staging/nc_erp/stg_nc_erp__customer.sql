with source as (
    select * from {{ source('nc_erp', 'customer') }}
    where _deleted_at is null  -- rows deleted in the source stay in raw, marked; never live
),

renamed as (
    select
        -- ids
        customer_code,
        credit_code,
        -- strings
        customer_name,
        region
    from source
)

select * from renamed
