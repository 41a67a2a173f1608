{#- Generated from include/sources/hr/employee_contact.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'employee_contact') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        emp_code,
        -- strings
        mobile_phone,
        home_address,
        salary_account,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
