{#- Generated from include/sources/oa/decision_item.yml by `jiandu sources staging`: edit the contract, not this file. -#}

with source as (
    select * from {{ source('oa', 'decision_item') }}
    where _deleted_at is null
),

renamed as (
    select
        -- ids
        item_no,
        meeting_no,
        org_code as subsidiary_code,
        prestudy_item_no,
        -- strings
        item_title,
        matter_category,
        resolution,
        -- amounts and numbers
        cast(amount as numeric(18, 2)) as amount,
        -- dates
        ts as modified_at,
        -- lineage
        _batch_id as batch_id
    from source
)

select * from renamed
