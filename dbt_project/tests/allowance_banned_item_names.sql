{#- std_allowance_banned_items on pay item names as payroll systems write them: each name is banned (hits a
    keyword of a banned item, as int_pay__item_judgements reads it: NFKC, whitespace removed) or not, as RF_PAY_001
    must read it. A festival benefit is 节日福利 with or without the 日 (中秋节福利, 春节 福利: the independent case
    S01E9901|2025-09|Q31 was missed with 节日福利 alone); holiday overtime pay is no festival fee. Fails with the
    names classed otherwise. -#}
with cases (item_name, expected_banned) as (
    values
        ('中秋节福利', true),
        ('春节 福利', true),
        ('国庆节福利费', true),
        ('节日福利', true),
        ('中秋节慰问金', true),
        ('过节费', true),
        ('中秋节加班工资', false),
        ('节假日加班工资', false),
        ('交通补贴', false),
        ('高温津贴', false),
        ('独生子女费', false)
),

judged as (
    select
        cases.item_name,
        cases.expected_banned,
        exists (
            select 1
            from {{ ref('std_allowance_banned_items') }} as banned
            cross join unnest(string_to_array(banned.match_keywords, '|')) as k(keyword)
            where banned.subsidiary_code is null
                and strpos(regexp_replace(normalize(cases.item_name, NFKC), '\s+', '', 'g'), k.keyword) > 0
        ) as banned
    from cases
)

select * from judged where banned is distinct from expected_banned
