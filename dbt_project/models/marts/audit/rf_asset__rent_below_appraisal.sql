{#- RF_ASSET_003 资产出租价格低于评估价: contracted annual rent below the appraised annual rent of the same
    contract (the register records no separate guide price). Amount: the annual shortfall times the contract
    term in years (days / 365, one decimal). -#}
with contracts as (
    select
        *,
        round((end_date - start_date + 1) / 365.0, 1) as term_years
    from {{ ref('int_asset__rentals') }}
),

final as (
    select
        'RF_ASSET_003' as rule_id,
        subsidiary_code,
        'asset' as subject_type,
        register_id as subject_id,
        '出租资产 ' || register_id || '（承租方 ' || tenant || '）' as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        round((appraised_annual_rent - contracted_annual_rent) * term_years, 2) as amount,
        jsonb_build_object(
            '租赁合同号', contract_no,
            '承租方', tenant,
            '租期', start_date || ' 至 ' || end_date,
            '租期年数', term_years,
            '评估年租金', appraised_annual_rent,
            '合同年租金', contracted_annual_rent,
            '年租金差额', appraised_annual_rent - contracted_annual_rent,
            '租期内少收租金', round((appraised_annual_rent - contracted_annual_rent) * term_years, 2),
            '标准出处', '《中华人民共和国企业国有资产法》；国有资产出租管理相关规定；集团资产出租管理制度'
        ) as evidence,
        jsonb_build_array({{ source_ref('asset.rental_contract', ['contract_no'], "'租赁合同 ' || contract_no") }})
            as source_refs,
        contract_no as flag_key
    from contracts
    where contracted_annual_rent < appraised_annual_rent
)

select * from final
