{#- RF_PROC_001 应招未招: an approved purchase at or above the group's public-tender threshold for its category
    (std_procurement in force on the approval date; a subsidiary's own threshold first) bought without a
    public or invited tender. Amount: the purchase. -#}
with purchases as (
    select * from {{ ref('int_proc__approvals') }}
    where status_key = '已批准'
),

standards as (
    select * from {{ ref('std_procurement') }}
),

judged as (
    select
        purchases.*,
        std.internal_public_tender_threshold as threshold,
        std.national_tender_threshold,
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
        'RF_PROC_001' as rule_id,
        subsidiary_code,
        'supplier' as subject_type,
        supplier_code as subject_id,
        supplier_name as subject_name,
        to_char(approved_on, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '采购内容', item_name,
            '品类', category,
            '供应商', supplier_name,
            '采购金额', amount,
            '采购方式', method,
            '集团公开招标限额', threshold,
            '国家必须招标限额', national_tender_threshold,
            '达到国家必须招标限额', amount >= national_tender_threshold,
            '审批日期', approved_on,
            '审批单号', approval_id,
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.procurement_approval', ['approval_id'], "'采购审批 ' || approval_id") }})
            as source_refs,
        approval_id as flag_key
    from judged
    where amount >= threshold and method_key not in ('公开招标', '邀请招标')
)

select * from final
