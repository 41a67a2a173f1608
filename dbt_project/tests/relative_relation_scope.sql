{#- map_relative_relation on the relation labels HR forms let people write: each label is classed in or out of
    the avoidance range (夫妻、直系血亲、三代以内旁系血亲、近姻亲) as the rule RF_HR_001 must read it. A label the map
    does not have counts as a relative, so a relation outside the range (亲家: the parents of a child's spouse are
    no near in-laws; 前妻: a former spouse is no spouse) must be in the map. Fails with the labels classed
    otherwise. -#}
with cases (relation_label, expected_in_scope) as (
    values
        ('配偶', true),
        ('岳母', true),
        ('女婿', true),
        ('表妹', true),
        ('亲家', false),
        ('亲家公', false),
        ('亲家母', false),
        ('前妻', false),
        ('前夫', false),
        ('前配偶', false),
        ('朋友', false),
        ('同学', false)
),

mapped as (
    select
        cases.relation_label,
        cases.expected_in_scope,
        coalesce(map.in_scope, true) as in_scope
    from cases
    left join {{ ref('map_relative_relation') }} as map
        on map.relation_label = cases.relation_label and map.subsidiary_code is null
)

select * from mapped where in_scope is distinct from expected_in_scope
