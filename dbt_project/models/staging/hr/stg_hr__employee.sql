{#- Generated from include/sources/hr/employee.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'employee') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        emp_code,
        org_code as subsidiary_code,
        rank_code,
        manager_emp_code,
        -- strings
        emp_name,
        id_number,
        gender,
        dept_name,
        position_title,
        status,
        -- dates
        birth_date,
        hire_date,
        leave_date,
        retire_date,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
