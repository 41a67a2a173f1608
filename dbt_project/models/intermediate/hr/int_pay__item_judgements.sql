{#- Every pay item as it was paid (subsidiary, item, name, category, pay month, payee's rank), judged once
    against the standards in force on the first day of the month. The item is read from its name as payroll
    systems write it: normalised (norm_pay_item: full-width, spaces, remarks such as （补发）, back-pay marks),
    then through the alias seed (map_pay_item_alias: 通信补贴 = 通讯补贴, 防暑降温费 = 高温津贴 ...) to a catalog
    item; only a name that finds no catalog item falls back to the item code. Judged: the banned-item list
    (过节费, 购房补助, 购物卡 ... in every written form) for every item, and for allowances and welfare (and any
    line whose name is a catalog item, whatever its category) the approved catalog (a subsidiary's own rows for
    an item replace the group's rows of that item), the row for the rank, and whether the month is a payable
    month. Rebuilt every night from the payroll lines, so a changed standard re-judges every month; the lines
    join it on `judgement_key`, a few hundred thousand judgements instead of millions of lines. -#}
{{ config(
    materialized='table',
    indexes=[{'columns': ['judgement_key'], 'unique': true}],
) }}

with paid as (
    select distinct judgement_key, subsidiary_code, item_code, item_name, item_category, month_start, rank_code
    from {{ ref('int_pay__payroll_lines') }}
),

catalog as (
    select * from {{ ref('std_allowance_catalog') }}
),

banned as (
    select * from {{ ref('std_allowance_banned_items') }}
),

aliases as (
    select *, {{ norm_pay_item('alias') }} as alias_key from {{ ref('map_pay_item_alias') }}
),

rank_names as (
    select distinct rank_code, rank_name from {{ ref('map_hr_rank_travel_tier') }} where subsidiary_code is null
),

catalog_items as (
    select distinct item_code, {{ norm_pay_item('item_name') }} as name_key from catalog
),

keyed as (
    select
        paid.*,
        {{ norm_pay_item('paid.item_name') }} as item_key,
        regexp_replace(normalize(paid.item_name, NFKC), '\s+', '', 'g') as item_text,
        rank_names.rank_name
    from paid
    left join rank_names on rank_names.rank_code = paid.rank_code
),

aliased as (
    select
        keyed.*,
        coalesce({{ norm_pay_item('alias.item_name') }}, keyed.item_key) as resolved_key
    from keyed
    left join lateral (
        {{ standard_in_force('aliases', 'keyed.month_start', 'keyed.subsidiary_code',
                             'aliases.alias_key = keyed.item_key') }}
    ) as alias on true
),

items as (
    select
        aliased.*,
        coalesce(
            (select min(catalog_items.item_code) from catalog_items where catalog_items.name_key = aliased.resolved_key),
            (select min(catalog_items.item_code) from catalog_items where catalog_items.item_code = aliased.item_code)
        ) as catalog_item_code
    from aliased
),

banned_hits as (
    select
        items.judgement_key,
        string_agg(banned.item_name || '（' || banned.ban_type || '：' || banned.reason || '）', '；'
                   order by banned.item_code) as banned_reason,
        min(banned.source) as banned_source,
        min(banned.effective_from) as banned_from
    from items
    inner join banned
        on exists (
            select 1 from unnest(string_to_array(banned.match_keywords, '|')) as k(keyword)
            where strpos(items.item_text, k.keyword) > 0
        )
        and {{ in_force('items.month_start', 'banned') }}
        and (banned.subsidiary_code = items.subsidiary_code or banned.subsidiary_code is null)
    group by items.judgement_key
),

allowances as (
    select * from items where item_category in ('津补贴', '福利') or catalog_item_code is not null
),

applicable as (
    select
        allowances.judgement_key,
        catalog.item_name,
        catalog.monthly_cap,
        catalog.eligible_ranks,
        catalog.payable_months,
        catalog.source,
        catalog.effective_from,
        '全部' = any(string_to_array(catalog.eligible_ranks, '|'))
            or allowances.rank_name = any(string_to_array(catalog.eligible_ranks, '|')) as for_rank
    from allowances
    inner join catalog
        on catalog.item_code = allowances.catalog_item_code
        and {{ in_force('allowances.month_start', 'catalog') }}
        and (
            catalog.subsidiary_code = allowances.subsidiary_code
            or (
                catalog.subsidiary_code is null
                and not exists (
                    select 1 from catalog as own
                    where own.item_code = allowances.catalog_item_code
                        and own.subsidiary_code = allowances.subsidiary_code
                        and {{ in_force('allowances.month_start', 'own') }}
                )
            )
        )
),

per_item as (
    select
        judgement_key,
        count(*) as catalog_rows,
        min(item_name) as catalog_item_name,
        string_agg(eligible_ranks || '：' || monthly_cap || '元', '；' order by monthly_cap desc) as catalog_summary,
        min(source) as standard_source
    from applicable
    group by judgement_key
),

for_rank as (
    select distinct on (judgement_key) *
    from applicable
    where for_rank
    order by judgement_key, monthly_cap desc
),

final as (
    select
        items.judgement_key,
        items.subsidiary_code,
        items.item_code,
        items.item_name,
        items.item_category,
        items.month_start,
        items.rank_code,
        items.rank_name,
        items.item_key,
        items.catalog_item_code,
        banned_hits.banned_reason,
        banned_hits.banned_source,
        banned_hits.banned_from,
        case when items.item_category in ('津补贴', '福利') or items.catalog_item_code is not null
            then coalesce(per_item.catalog_rows, 0) > 0 end as in_catalog,
        per_item.catalog_item_name,
        per_item.catalog_summary,
        per_item.standard_source,
        for_rank.monthly_cap,
        for_rank.eligible_ranks,
        for_rank.payable_months,
        for_rank.effective_from as standard_from,
        for_rank.monthly_cap is not null as rank_eligible,
        for_rank.payable_months is null
            or extract(month from items.month_start)::text = any(string_to_array(for_rank.payable_months, ','))
            as month_payable
    from items
    left join banned_hits on banned_hits.judgement_key = items.judgement_key
    left join per_item on per_item.judgement_key = items.judgement_key
    left join for_rank on for_rank.judgement_key = items.judgement_key
)

select * from final
