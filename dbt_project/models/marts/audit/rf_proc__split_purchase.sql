{#- RF_PROC_002 化整为零规避招标: approved purchases of one subsidiary in one category under one budget project
    (budget_project_key; from any suppliers), bought without tender and each below the group's public-tender
    threshold in force on its approval date, that add up to the threshold or more within a rolling window of
    std_procurement's split_window_days (a purchase and the ones approved at most that many days before it:
    December and January are one window, whatever the month or year end; 365 days are one calendar year, so a
    purchase and one approved on the same date a year before are in one window across a leap day too). A purchase without a budget project
    is grouped by its supplier instead (supplier_code_key). One flag per subsidiary, category and project,
    covering every purchase of every such window. Amount: the purchases covered. -#}
with purchases as (
    select
        *,
        coalesce('项目:' || budget_project_key, '供应商:' || supplier_code_key) as group_key
    from {{ ref('int_proc__approvals') }}
    where status_key = '已批准' and method_key not in ('公开招标', '邀请招标')
),

standards as (
    select * from {{ ref('std_procurement') }}
),

below as (
    select
        purchases.*,
        std.internal_public_tender_threshold as threshold,
        std.split_window_days,
        std.source as standard_source,
        std.effective_from as standard_effective_from
    from purchases
    inner join lateral (
        {{ standard_in_force('standards', 'purchases.approved_on', 'purchases.subsidiary_code',
                             'standards.category = purchases.category') }}
    ) as std on true
    where purchases.amount < std.internal_public_tender_threshold
),

pairs as (
    -- every purchase (member) in the window that ends with each purchase (ending)
    select
        ending.approval_id as window_end,
        ending.threshold,
        member.approval_id as member_id,
        member.amount
    from below as ending
    inner join below as member
        on member.subsidiary_code = ending.subsidiary_code
        and member.category = ending.category
        and member.group_key = ending.group_key
        and member.approved_on <= ending.approved_on
        -- split_window_days counted in common years and days (365 = one calendar year): the anniversary of a
        -- purchase is within the year across a leap day (2024-02-28 to 2025-02-28 is 366 days, one year)
        and member.approved_on >= cast(ending.approved_on - make_interval(
            years => ending.split_window_days / 365, days => ending.split_window_days % 365) as date)
),

windows as (
    select window_end, max(threshold) as threshold, count(*) as window_count, sum(amount) as window_total
    from pairs
    group by window_end
),

members as (
    select * from below
    where approval_id in (
        select pairs.member_id
        from pairs
        inner join windows on windows.window_end = pairs.window_end
        where windows.window_count >= 2 and windows.window_total >= windows.threshold
    )
),

grouped as (
    select
        subsidiary_code,
        category,
        group_key,
        min(nullif(btrim(budget_project), '')) as budget_project,
        min(supplier_name) as first_supplier,
        count(distinct coalesce(supplier_code_key, supplier_name_key)) as suppliers,
        max(threshold) as threshold,
        max(split_window_days) as split_window_days,
        min(standard_source) as standard_source,
        min(standard_effective_from) as standard_effective_from,
        count(*) as purchases,
        sum(amount) as amount,
        min(approved_on) as first_on,
        max(approved_on) as last_on,
        jsonb_agg(jsonb_build_object('审批单号', approval_id, '采购内容', item_name, '供应商', supplier_name,
                                     '预算项目', budget_project, '金额', amount, '采购方式', method,
                                     '审批日期', approved_on)
                  order by approved_on, approval_id) as detail,
        jsonb_agg(
            {{ source_ref('oa.procurement_approval', ['approval_id'], "'采购审批 ' || approval_id") }}
            order by approved_on, approval_id
        ) as refs
    from members
    group by subsidiary_code, category, group_key
),

final as (
    select
        'RF_PROC_002' as rule_id,
        subsidiary_code,
        case when group_key like '项目:%' then 'budget_project' else 'supplier' end as subject_type,
        group_key as subject_id,
        case when group_key like '项目:%' then budget_project else first_supplier end || '（' || category || '）' as subject_name,
        to_char(last_on, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '预算项目', budget_project,
            '品类', category,
            '供应商家数', suppliers,
            '采购次数', purchases,
            '合计金额', amount,
            '公开招标限额', threshold,
            '窗口期', split_window_days || '天（滚动计算，跨月跨年）',
            '期间', first_on || ' 至 ' || last_on,
            '采购明细', detail,
            '标准', '同一品类、同一预算项目窗口期内多次非招标采购，每次低于限额、合计达到限额',
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from
        ) as evidence,
        refs as source_refs,
        subsidiary_code || '|' || category || '|' || group_key as flag_key
    from grouped
)

select * from final
