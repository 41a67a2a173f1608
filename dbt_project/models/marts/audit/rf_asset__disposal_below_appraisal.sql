{#- RF_ASSET_004 资产处置价格低于评估价: a transfer (any method but a write-off: 报废, 报废处置, ...) whose deal price is below
    the appraised value the disposal records (the source carries no approval or filing status of the
    appraisal, so every recorded appraisal is taken as the one to meet). Amount: appraised value minus deal
    price. -#}
with disposals as (
    select * from {{ ref('int_asset__disposals') }}
    -- a write-off however the method is worded (报废, 报废处置, 报废清理)
    where coalesce(method_key, '') not like '%报废%'
),

registered as (
    select * from {{ ref('int_asset__register') }}
),

final as (
    select
        'RF_ASSET_004' as rule_id,
        disposals.subsidiary_code,
        'asset' as subject_type,
        disposals.register_id as subject_id,
        registered.asset_name as subject_name,
        to_char(disposals.disposal_date, 'YYYY-MM') as period,
        disposals.appraised_value - disposals.deal_price as amount,
        jsonb_build_object(
            '资产', registered.asset_name,
            '处置方式', disposals.method,
            '评估价值', disposals.appraised_value,
            '成交价', disposals.deal_price,
            '差额', disposals.appraised_value - disposals.deal_price,
            '受让方', disposals.buyer,
            '处置日期', disposals.disposal_date,
            '处置单号', disposals.disposal_no,
            '标准出处', '《企业国有资产交易监督管理办法》（国务院国资委 财政部令第32号）；《中华人民共和国企业国有资产法》'
        ) as evidence,
        jsonb_build_array({{ source_ref('asset.disposal', ['disposal_no'], "'资产处置 ' || disposal_no") }})
            as source_refs,
        disposals.disposal_no as flag_key
    from disposals
    left join registered on registered.register_key = disposals.register_key
    where disposals.deal_price < disposals.appraised_value
)

select * from final
