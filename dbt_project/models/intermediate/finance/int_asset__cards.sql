{#- ERP fixed-asset cards (固定资产卡片) with the register id they carry as a key (norm_code), the status, and the
    asset name without whitespace and in one width (norm_org) for cards that carry no register id. -#}
with cards as (
    select * from {{ ref('stg_nc_erp__fixed_asset_card') }}
),

final as (
    select
        cards.*,
        -- keys
        {{ norm_code('cards.register_id') }} as register_key,
        {{ norm_text('cards.status') }} as status_key,
        {{ norm_org('cards.asset_name') }} as asset_name_key
    from cards
)

select * from final
