{#- RF_HR_002 兼职超过限额: on the as-of date a person holds more concurrent posts than std_concurrent_posts
    allows, or holds one that was not approved. One flag per person, with the posts in force. -#}
with posts as (
    select * from {{ ref('stg_hr__concurrent_post') }}
    where start_date <= {{ as_of_date() }}
        and (end_date is null or end_date >= {{ as_of_date() }})
),

employees as (
    select * from {{ ref('stg_hr__employee') }}
),

limits as (
    select * from {{ ref('std_concurrent_posts') }}
    where {{ in_force(as_of_date()) }}
),

per_person as (
    select
        posts.emp_code,
        employees.subsidiary_code,
        employees.emp_name,
        employees.position_title,
        count(*) as post_count,
        count(*) filter (where not posts.approved) as unapproved,
        jsonb_agg(jsonb_build_object('兼职单位', posts.post_org, '兼任职务', posts.post_title,
                                     '起始日期', posts.start_date, '经批准', posts.approved)
                  order by posts.start_date, posts.post_id) as detail,
        jsonb_agg(
            {{ source_ref('hr.concurrent_post', ['post_id'], "'兼职记录 ' || post_id") }}
            order by posts.start_date, posts.post_id
        ) as refs
    from posts
    inner join employees on employees.emp_code = posts.emp_code
    group by posts.emp_code, employees.subsidiary_code, employees.emp_name, employees.position_title
),

judged as (
    select
        per_person.*,
        lim.max_posts,
        lim.approval_required,
        lim.source as standard_source
    from per_person
    inner join lateral (
        select limits.* from limits
        where limits.subsidiary_code = per_person.subsidiary_code or limits.subsidiary_code is null
        order by limits.subsidiary_code is null
        limit 1
    ) as lim on true
),

final as (
    select
        'RF_HR_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        emp_name as subject_name,
        to_char({{ as_of_date() }}, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', concat_ws('；',
                case when post_count > max_posts then '兼职' || post_count || '个，超过上限' || max_posts || '个' end,
                case when approval_required and unapproved > 0 then unapproved || '个兼职未经批准' end),
            '人员', emp_name,
            '本职', position_title,
            '在任兼职数', post_count,
            '兼职上限', max_posts,
            '兼职明细', detail,
            '评价日', {{ as_of_date() }},
            '标准出处', standard_source
        ) as evidence,
        refs as source_refs,
        emp_code as flag_key
    from judged
    where post_count > max_posts or (approval_required and unapproved > 0)
)

select * from final
