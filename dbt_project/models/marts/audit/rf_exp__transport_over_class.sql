{#- RF_EXP_002 超标准乘坐交通工具: a ticket whose cabin or seat class is not among the classes the traveller's
    travel tier on the travel date allows for that mode (std_travel_transport_class). Amount: the ticket. -#}
with tickets as (
    select * from {{ ref('int_exp__claim_lines') }}
    where expense_type = '城市间交通费' and transport_mode is not null and transport_class is not null
),

entitlements as (
    select * from {{ ref('std_travel_transport_class') }}
),

judged as (
    select
        tickets.*,
        ent.highest_class,
        ent.allowed_classes,
        ent.source as standard_source
    from tickets
    inner join lateral (
        select entitlements.*
        from entitlements
        where entitlements.tier = tickets.travel_tier
            and entitlements.transport_mode = tickets.transport_mode
            and {{ in_force('tickets.start_date', 'entitlements') }}
            and (entitlements.subsidiary_code = tickets.subsidiary_code or entitlements.subsidiary_code is null)
        order by entitlements.subsidiary_code is null
        limit 1
    ) as ent on true
),

final as (
    select
        'RF_EXP_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        person_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '出差人', person_name,
            '职级', rank_name,
            '差旅职级', travel_tier,
            '交通方式', transport_mode,
            '实际舱位席别', transport_class,
            '可乘舱位席别', replace(allowed_classes, '|', '、'),
            '最高可乘', highest_class,
            '行程', origin_city || ' → ' || dest_city,
            '乘坐日期', start_date,
            '票价', amount,
            '报销单号', claim_no,
            '标准出处', standard_source
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行（城市间交通费）'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from judged
    where position('|' || transport_class || '|' in '|' || allowed_classes || '|') = 0
)

select * from final
