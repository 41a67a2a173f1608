{#- Generated from include/sources/hr/relative_declaration.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'relative_declaration') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        decl_id,
        emp_code,
        relative_emp_code,
        -- strings
        relative_name,
        relation,
        relative_id_number,
        relative_phone,
        relative_address,
        -- dates
        relative_birth_date,
        declared_on,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
