{#- RF_PROC_002 化整为零规避招标: purchases from one supplier in one category, each below the tender threshold
    and bought without tender, that add up to the threshold or more within the split window of
    std_procurement. One flag per subsidiary, supplier and category, covering every purchase of every such
    window. Amount: the purchases covered. -#}
with purchases as (
    select * from {{ ref('stg_oa__procurement_approval') }}
    where status = '已批准' and method not in ('公开招标', '邀请招标')
),

standards as (
    select * from {{ ref('std_procurement') }}
),

below as (
    select
        purchases.*,
        std.internal_public_tender_threshold as threshold,
        std.split_window_days,
        std.source as standard_source
    from purchases
    inner join lateral (
        select standards.* from standards
        where standards.category = purchases.category
            and {{ in_force('purchases.approved_on', 'standards') }}
            and (standards.subsidiary_code = purchases.subsidiary_code or standards.subsidiary_code is null)
        order by standards.subsidiary_code is null
        limit 1
    ) as std on true
    where purchases.amount < std.internal_public_tender_threshold
),

windows as (
    select
        ending.approval_id as window_end,
        member.approval_id,
        sum(member.amount) over (partition by ending.approval_id) as window_total,
        count(*) over (partition by ending.approval_id) as window_count,
        ending.threshold
    from below as ending
    inner join below as member
        on member.subsidiary_code = ending.subsidiary_code
        and member.supplier_code = ending.supplier_code
        and member.category = ending.category
        and member.approved_on <= ending.approved_on
        and member.approved_on > ending.approved_on - ending.split_window_days
),

members as (
    select * from below
    where approval_id in (
        select approval_id from windows
        where window_count >= 2 and window_total >= threshold
    )
),

grouped as (
    select
        subsidiary_code,
        supplier_code,
        category,
        max(supplier_name) as supplier_name,
        max(threshold) as threshold,
        max(split_window_days) as split_window_days,
        min(standard_source) as standard_source,
        count(*) as purchases,
        sum(amount) as amount,
        min(approved_on) as first_on,
        max(approved_on) as last_on,
        jsonb_agg(jsonb_build_object('审批单号', approval_id, '采购内容', item_name,
                                     '金额', amount, '采购方式', method, '审批日期', approved_on)
                  order by approved_on, approval_id) as detail,
        jsonb_agg(
            {{ source_ref('oa.procurement_approval', ['approval_id'], "'采购审批 ' || approval_id") }}
            order by approved_on, approval_id
        ) as refs
    from members
    group by subsidiary_code, supplier_code, category
),

final as (
    select
        'RF_PROC_002' as rule_id,
        subsidiary_code,
        'supplier' as subject_type,
        supplier_code as subject_id,
        supplier_name as subject_name,
        to_char(last_on, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '供应商', supplier_name,
            '品类', category,
            '采购次数', purchases,
            '合计金额', amount,
            '公开招标限额', threshold,
            '窗口期', split_window_days || '天',
            '期间', first_on || ' 至 ' || last_on,
            '采购明细', detail,
            '标准出处', standard_source
        ) as evidence,
        refs as source_refs,
        subsidiary_code || '|' || supplier_code || '|' || category as flag_key
    from grouped
)

select * from final
