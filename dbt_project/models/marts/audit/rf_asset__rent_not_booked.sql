{#- RF_ASSET_002 出租收入未入账: rent the asset register records as received under a rental contract (cumulative
    rent_received) but the ERP did not book in full: every receipt booked under the contract's number, however it
    was typed (contract_key: spaces, case, full-width forms, dashes), summed over all receipts of the contract in
    the same subsidiary (rent paid in several receipts counts whole). Flagged when the shortfall is more than
    0.01 yuan (a rounding cent). 疑似小金库. Amount: received minus booked. -#}
with contracts as (
    select * from {{ ref('int_asset__rentals') }}
),

receipts as (
    select * from {{ ref('int_asset__rent_receipts') }}
),

booked as (
    select
        subsidiary_code,
        contract_key,
        sum(amount) as booked,
        count(*) as receipts,
        max(receipt_date) as last_receipt,
        jsonb_agg(jsonb_build_object('收款单号', receipt_no, '入账合同号', contract_no, '收款日期', receipt_date,
                                     '入账金额', amount, '记账凭证号', voucher_no)
                  order by receipt_date, receipt_no) as detail,
        jsonb_agg({{ source_ref('nc_erp.rent_receipt', ['receipt_no'], "'租金收款 ' || receipt_no") }}
                  order by receipt_date, receipt_no) as refs
    from receipts
    group by subsidiary_code, contract_key
),

judged as (
    select
        contracts.*,
        coalesce(booked.booked, 0) as booked_amount,
        coalesce(booked.receipts, 0) as receipts,
        booked.last_receipt,
        coalesce(booked.detail, '[]'::jsonb) as receipt_detail,
        coalesce(booked.refs, '[]'::jsonb) as receipt_refs
    from contracts
    left join booked
        on booked.subsidiary_code = contracts.subsidiary_code
        and booked.contract_key = contracts.contract_key
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
            '入账明细', receipt_detail,
            '差额', rent_received - booked_amount,
            '标准', '台账已收租金与财务按合同入账的全部收款之差超过0.01元',
            '标准出处', '《企业会计准则第21号——租赁》；严禁设立“小金库”相关规定'
        ) as evidence,
        jsonb_build_array({{ source_ref('asset.rental_contract', ['contract_no'], "'租赁合同 ' || contract_no") }})
            || receipt_refs as source_refs,
        contract_no as flag_key
    from judged
    where rent_received - booked_amount > 0.01
)

select * from final
