{#- RF_ASSET_002 出租收入未入账: rent the asset register records as received under a rental contract but the
    ERP never booked as a receipt (疑似小金库). Amount: received minus booked. -#}
with contracts as (
    select * from {{ ref('stg_asset__rental_contract') }}
),

booked as (
    select contract_no, sum(amount) as booked, count(*) as receipts, max(receipt_date) as last_receipt
    from {{ ref('stg_nc_erp__rent_receipt') }}
    group by contract_no
),

judged as (
    select
        contracts.*,
        coalesce(booked.booked, 0) as booked_amount,
        coalesce(booked.receipts, 0) as receipts,
        booked.last_receipt
    from contracts
    left join booked on booked.contract_no = contracts.contract_no
),

final as (
    select
        'RF_ASSET_002' as rule_id,
        subsidiary_code,
        'asset' as subject_type,
        register_id as subject_id,
        '出租资产 ' || register_id || '（承租方 ' || tenant || '）' as subject_name,
        to_char(coalesce(last_receipt, start_date), 'YYYY-MM') as period,
        rent_received - booked_amount as amount,
        jsonb_build_object(
            '问题', '资产台账已收租金未在财务账面全额入账',
            '租赁合同号', contract_no,
            '承租方', tenant,
            '租期', start_date || ' 至 ' || end_date,
            '台账已收租金', rent_received,
            '财务入账租金', booked_amount,
            '入账笔数', receipts,
            '差额', rent_received - booked_amount,
            '标准出处', '《企业会计准则第21号——租赁》；严禁设立“小金库”相关规定'
        ) as evidence,
        jsonb_build_array({{ source_ref('asset.rental_contract', ['contract_no'], "'租赁合同 ' || contract_no") }})
            as source_refs,
        contract_no as flag_key
    from judged
    where rent_received - booked_amount > 0.01
)

select * from final
