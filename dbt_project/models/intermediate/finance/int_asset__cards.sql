{#- ERP fixed-asset cards (固定资产卡片) with the register id they carry as a key (norm_optional_code: a placeholder
    such as 无 is no id), the status and whether it says the card is off the books, and the asset name without
    whitespace and in one width (norm_org) for cards that carry no register id. -#}
with cards as (
    select * from {{ ref('stg_nc_erp__fixed_asset_card') }}
),

final as (
    select
        cards.*,
        -- keys
        -- a placeholder (无, /, N/A) is no register id: norm_optional_code
        {{ norm_optional_code('cards.register_id') }} as register_key,
        {{ norm_text('cards.status') }} as status_key,
        -- off the books: disposed of, written off, sold or transferred (norm_disposed_status), but not one only
        -- waiting for it (待报废, 拟处置, 处置中 are still on the books)
        coalesce({{ norm_disposed_status('cards.status') }} = '已处置'
                 and {{ norm_code('cards.status') }} !~ '^(待|拟|申请)|中$', false) as is_off_books,
        {{ norm_org('cards.asset_name') }} as asset_name_key
    from cards
)

select * from final
