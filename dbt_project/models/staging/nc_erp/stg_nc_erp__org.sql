with source as (
    select * from {{ source('nc_erp', 'org') }}
    where _deleted_at is null  -- rows deleted in the source stay in raw, marked; never live
),

renamed as (
    select
        -- ids
        org_code as subsidiary_code,
        parent_code as parent_subsidiary_code,
        -- strings
        org_name as subsidiary_name,
        industry,
        -- numbers and flags
        org_level,
        enabled as is_enabled
    from source
)

select * from renamed
