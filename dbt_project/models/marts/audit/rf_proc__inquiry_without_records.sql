{#- RF_PROC_003 询价采购无询价记录: an inquiry purchase within the inquiry range of std_procurement with fewer
    quotes on record than required. Amount: the purchase. -#}
with purchases as (
    select * from {{ ref('int_proc__approvals') }}
    where status_key = '已批准' and method_key = '询价'
),

standards as (
    select * from {{ ref('std_procurement') }}
),

judged as (
    select
        purchases.*,
        std.inquiry_min_amount,
        std.inquiry_max_amount,
        std.inquiry_min_suppliers,
        std.source as standard_source,
        std.effective_from as standard_effective_from
    from purchases
    inner join lateral (
        {{ standard_in_force('standards', 'purchases.approved_on', 'purchases.subsidiary_code',
                             'standards.category = purchases.category') }}
    ) as std on true
),

final as (
    select
        'RF_PROC_003' as rule_id,
        subsidiary_code,
        'supplier' as subject_type,
        supplier_code as subject_id,
        supplier_name as subject_name,
        to_char(approved_on, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '采购内容', item_name,
            '供应商', supplier_name,
            '采购金额', amount,
            '询价记录数', coalesce(inquiry_records, 0),
            '要求报价家数', inquiry_min_suppliers,
            '询价区间', inquiry_min_amount || ' 至 ' || inquiry_max_amount || ' 元',
            '审批单号', approval_id,
            '审批日期', approved_on,
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.procurement_approval', ['approval_id'], "'采购审批 ' || approval_id") }})
            as source_refs,
        approval_id as flag_key
    from judged
    where amount between inquiry_min_amount and inquiry_max_amount
        and coalesce(inquiry_records, 0) < inquiry_min_suppliers
)

select * from final
