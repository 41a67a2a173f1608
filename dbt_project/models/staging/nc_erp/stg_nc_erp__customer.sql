with source as (
    select * from {{ source('nc_erp', 'customer') }}
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
