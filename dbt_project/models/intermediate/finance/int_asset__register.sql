{#- The property-rights register (产权登记) with the keys the asset rules compare, computed once: the register id
    as a code (norm_code: spaces, case, full-width forms and dashes do not make another asset) and the status. -#}
with registered as (
    select * from {{ ref('stg_asset__registered_asset') }}
),

final as (
    select
        registered.*,
        -- keys
        {{ norm_code('registered.register_id') }} as register_key,
        {{ norm_text('registered.status') }} as status_key,
        {{ norm_org('registered.asset_name') }} as asset_name_key
    from registered
)

select * from final
