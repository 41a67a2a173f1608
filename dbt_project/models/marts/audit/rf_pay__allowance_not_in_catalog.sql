{#- RF_PAY_001 发放目录外津补贴: an allowance or welfare item that the subsidiary's approved catalog does not
    have in the pay month, or any pay item whose name matches a cancelled, self-created or disguised item
    (std_allowance_banned_items: 过节费, 购房补助, 购物卡 ...). Amount: the line. -#}
with judged as (
    select * from {{ ref('int_pay__allowance_catalog_match') }}
),

all_lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
),

banned as (
    select * from {{ ref('std_allowance_banned_items') }}
),

banned_hits as (
    select
        all_lines.emp_code,
        all_lines.pay_month,
        all_lines.item_code,
        string_agg(banned.item_name || '（' || banned.ban_type || '：' || banned.reason || '）', '；'
                   order by banned.item_code) as banned_reason,
        min(banned.source) as banned_source
    from all_lines
    inner join banned
        on exists (
            select 1 from unnest(string_to_array(banned.match_keywords, '|')) as k(keyword)
            where strpos(all_lines.item_name, k.keyword) > 0
        )
        and {{ in_force('all_lines.month_start', 'banned') }}
        and (banned.subsidiary_code = all_lines.subsidiary_code or banned.subsidiary_code is null)
    group by all_lines.emp_code, all_lines.pay_month, all_lines.item_code
),

flagged as (
    select
        all_lines.*,
        banned_hits.banned_reason,
        coalesce(banned_hits.banned_source, judged.standard_source) as standard_source,
        judged.in_catalog
    from all_lines
    left join banned_hits
        on banned_hits.emp_code = all_lines.emp_code and banned_hits.pay_month = all_lines.pay_month
        and banned_hits.item_code = all_lines.item_code
    left join judged
        on judged.emp_code = all_lines.emp_code and judged.pay_month = all_lines.pay_month
        and judged.item_code = all_lines.item_code
    where banned_hits.banned_reason is not null or judged.in_catalog = false
),

final as (
    select
        'RF_PAY_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        emp_name as subject_name,
        pay_month as period,
        amount,
        jsonb_build_object(
            '问题', coalesce('属违规项目：' || banned_reason, '不在本单位核准津补贴目录内'),
            '人员', emp_name,
            '发放月份', pay_month,
            '工资项目', item_code || ' ' || item_name,
            '项目类别', item_category,
            '金额', amount,
            '标准出处', coalesce(standard_source, '集团津贴补贴管理制度（核准目录 std_allowance_catalog）')
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
        ) as source_refs,
        emp_code || '|' || pay_month || '|' || item_code as flag_key
    from flagged
)

select * from final
