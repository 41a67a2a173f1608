{#- Generated from include/sources/hr/rank_history.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'rank_history') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        emp_code,
        rank_code,
        effective_from,
        -- dates
        effective_to,
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
