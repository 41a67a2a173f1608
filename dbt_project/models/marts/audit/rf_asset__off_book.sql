{#- RF_ASSET_001 账外资产: an asset in the property-rights register (still 在册) with no fixed-asset card in the
    ERP that carries its register id and is still on the books (a card marked 已处置, 已报废, 已核销, 已转让 or 已出售
    no longer is: int_asset__cards.is_off_books). Register ids are compared as codes (register_key: spaces, case,
    full-width forms and dashes do not matter); a card with no register id (empty, or a placeholder such as 无 or
    /) counts for the asset of the same subsidiary, type and name. Amount: the registered value. -#}
with registered as (
    select * from {{ ref('int_asset__register') }}
    where status_key = '在册'
),

cards as (
    select * from {{ ref('int_asset__cards') }}
    -- off the books once disposed of, written off, sold or transferred (已处置, 已报废, 已核销, 已转让, 已出售;
    -- 待报废 is still on them): int_asset__cards.is_off_books
    where not is_off_books
),

final as (
    select
        'RF_ASSET_001' as rule_id,
        subsidiary_code,
        'asset' as subject_type,
        register_id as subject_id,
        asset_name as subject_name,
        to_char(registered_on, 'YYYY-MM') as period,
        registered_value as amount,
        jsonb_build_object(
            '问题', '产权登记有记录，财务账面无对应固定资产卡片',
            '资产', asset_name,
            '资产类型', asset_type,
            '坐落或车牌', location,
            '登记价值', registered_value,
            '登记日期', registered_on,
            '产权登记编号', register_id,
            '标准出处', '《中华人民共和国企业国有资产法》；《企业会计准则第4号——固定资产》'
        ) as evidence,
        jsonb_build_array({{ source_ref('asset.registered_asset', ['register_id'], "'产权登记 ' || register_id") }})
            as source_refs,
        register_id as flag_key
    from registered
    where not exists (
        select 1 from cards where cards.register_key = registered.register_key
    )
    -- a card that carries no register id still accounts for the asset of its subsidiary, type and name
    and not exists (
        select 1 from cards
        where cards.register_key is null
            and cards.subsidiary_code = registered.subsidiary_code
            and cards.category = registered.asset_type
            and cards.asset_name_key = registered.asset_name_key
    )
)

select * from final
