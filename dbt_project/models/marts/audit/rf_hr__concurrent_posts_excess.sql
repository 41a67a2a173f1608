{#- RF_HR_002 兼职超过限额: on the as-of date a person holds more concurrent posts than std_concurrent_posts
    allows, or holds one without approval (approved false or not recorded). A post recorded twice (same
    organisation and title, however written: full-width forms, spaces anywhere, Latin letters in either case:
    中海（BVI）控股 = 中海(bvi)控股, norm_org) counts once. The holder is found by the normalised employee code
    (the post table carries no unit, so the holder's HR record gives it). One flag per person, with the posts in
    force. -#}
with posts as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as emp_key,
        {{ norm_org('post_org') }} as org_key,
        {{ norm_org('post_title') }} as title_key
    from {{ ref('stg_hr__concurrent_post') }}
    where start_date <= {{ as_of_date() }}
        and (end_date is null or end_date >= {{ as_of_date() }})
),

employees as (
    select distinct on (emp_key) *
    from {{ ref('int_hr__employees') }}
    order by emp_key, status = '在职' desc, emp_code
),

limits as (
    select * from {{ ref('std_concurrent_posts') }}
),

per_person as (
    select
        posts.emp_key,
        min(posts.emp_code) as post_emp_code,
        count(distinct (posts.org_key, posts.title_key)) as post_count,
        count(distinct (posts.org_key, posts.title_key)) filter (where posts.approved is not true) as unapproved,
        jsonb_agg(jsonb_build_object('兼职单位', posts.post_org, '兼任职务', posts.post_title,
                                     '起始日期', posts.start_date, '终止日期', posts.end_date,
                                     '经批准', coalesce(posts.approved::text, '未记录'))
                  order by posts.start_date, posts.post_id) as detail,
        jsonb_agg(
            {{ source_ref('hr.concurrent_post', ['post_id'], "'兼职记录 ' || post_id") }}
            order by posts.start_date, posts.post_id
        ) as refs
    from posts
    group by posts.emp_key
),

judged as (
    select
        per_person.*,
        employees.emp_code,
        employees.subsidiary_code,
        employees.emp_name,
        employees.position_title,
        lim.max_posts,
        lim.approval_required,
        lim.source as standard_source,
        lim.effective_from as standard_from
    from per_person
    inner join employees on employees.emp_key = per_person.emp_key
    left join lateral (
        {{ standard_in_force('limits', as_of_date(), 'employees.subsidiary_code') }}
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
            '标准出处', standard_source,
            '标准生效日期', standard_from
        ) as evidence,
        refs as source_refs,
        emp_code as flag_key
    from judged
    where post_count > max_posts or (approval_required and unapproved > 0)
)

select * from final
