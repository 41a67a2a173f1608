{#- Intercity tickets and the classes the traveller may take (RF_EXP_002). The mode and class as exported
    (高铁 / 动车 / 航空, 经济 / Y舱 / 二等 ...) are mapped through map_transport_mode and map_transport_class (both
    compared on norm_code keys, a class with a bracketed fare code or note, 头等舱(F) or 经济舱（Y）, by the
    spelling before the brackets when the whole is not in the map; a class row for the line's mode wins over a
    mode-less one, and the class decides
    which mode's standard applies: 二等座 on a line typed 火车 is judged as 高铁动车). The entitlement is the row of
    std_travel_transport_class for the travel tier held on the travel date, a subsidiary's own row winning. A
    ticket that cannot be judged keeps its reason (交通方式未匹配 / 席别未匹配 / 席别缺失 / 职级未匹配 / 标准未匹配) in
    `unmatched_reason`, for fct_standard_unmatched; buses and coaches (汽车) have no class standard and are left
    out. -#}
{{ config(materialized='table') }}

with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    -- an intercity ticket is judged even with neither mode nor class (席别缺失); under the looser names
    -- (交通费 ...) only lines that name a mode or class are tickets, the rest are local transport
    where ({{ norm_text('expense_type') }} = '城市间交通费'
        or ({{ norm_text('expense_type') }} in ('城际交通费', '长途交通费', '交通费', '机票', '火车票', '车船费')
            and (transport_mode_key is not null or transport_class_key is not null)))
        -- a claim turned down (驳回, 退回, 审批不通过 ...) paid for no ticket
        and not {{ claim_turned_down('approval_status') }}
),

modes as (
    select {{ norm_code('alias') }} as alias_key, transport_mode from {{ ref('map_transport_mode') }}
),

classes as (
    select {{ norm_code('alias') }} as alias_key, transport_mode, judged_mode, travel_class
    from {{ ref('map_transport_class') }}
),

entitlements as (
    select * from {{ ref('std_travel_transport_class') }}
),

mapped as (
    select
        lines.*,
        mode_match.transport_mode as mode_std,
        class_match.judged_mode,
        class_match.travel_class
    from lines
    left join lateral (
        select modes.transport_mode from modes where modes.alias_key = lines.transport_mode_key limit 1
    ) as mode_match on true
    left join lateral (
        select classes.judged_mode, classes.travel_class
        from classes
        where classes.alias_key in (
                lines.transport_class_key,
                nullif(regexp_replace(lines.transport_class_key, '[(][^)]*[)]', '', 'g'), ''))
            and (classes.transport_mode = mode_match.transport_mode or classes.transport_mode is null)
        -- the spelling as written before the one without its bracketed note
        order by classes.alias_key <> lines.transport_class_key, classes.transport_mode is null
        limit 1
    ) as class_match on true
    where coalesce(mode_match.transport_mode, '') <> '汽车'
),

judged as (
    select
        mapped.*,
        ent.allowed_classes,
        ent.highest_class,
        ent.source as standard_source,
        ent.effective_from as standard_effective_from
    from mapped
    left join lateral (
        {{ standard_in_force('entitlements', 'mapped.start_date', 'mapped.subsidiary_code',
                             'entitlements.tier = mapped.travel_tier
                              and entitlements.transport_mode = mapped.judged_mode') }}
    ) as ent on true
),

final as (
    select
        judged.*,
        case
            when travel_class is null and mode_std is null and transport_mode_key is not null then '交通方式未匹配'
            when transport_class_key is null then '席别缺失'
            when travel_class is null then '席别未匹配'
            when travel_tier is null then '职级未匹配'
            when allowed_classes is null then '标准未匹配'
        end as unmatched_reason,
        allowed_classes is not null
            and position('|' || travel_class || '|' in '|' || allowed_classes || '|') = 0 as is_over_class
    from judged
)

select * from final
