{#- Generated from include/sources/hr/concurrent_post.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('hr', 'concurrent_post') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        post_id,
        emp_code,
        -- strings
        post_org,
        post_title,
        -- dates
        start_date,
        end_date,
        ts as modified_at,
        -- flags
        approved,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
