{#- RF_HR_003 超职数或编制外设置职务: a person in post whose title is not in the approved establishment of
    their unit and department (自设职务, e.g. 总经理助理), and every title held by more people than approved
    (超职数配备). Department and title are compared normalised (full-width, no whitespace anywhere: the keys of
    int_hr__employees), so 财务部, "财务部 " and "财务　部" are one department. The establishment is the plan in
    force on the as-of date: a title or count approved (approved_on) after it is not yet approved. People with no title recorded are not judged. -#}
with employees as (
    select * from {{ ref('int_hr__employees') }}
    where status = '在职' and title_key is not null
),

establishment as (
    select
        *,
        {{ norm_name('dept_name') }} as dept_key,
        {{ norm_name('position_title') }} as title_key
    from {{ ref('stg_hr__establishment') }}
    -- the plan in force on the as-of date: a title approved only later is not yet in it
    where approved_on <= {{ as_of_date() }}
),

approved as (
    select subsidiary_code, dept_key, title_key, max(approved_count) as approved_count,
           min(approved_on) as approved_on
    from establishment
    group by subsidiary_code, dept_key, title_key
),

outside as (
    select employees.*
    from employees
    where not exists (
        select 1 from approved
        where approved.subsidiary_code = employees.subsidiary_code
            and approved.dept_key is not distinct from employees.dept_key
            and approved.title_key = employees.title_key
    )
),

over_count as (
    select
        employees.subsidiary_code,
        employees.dept_key,
        employees.title_key,
        min(employees.dept_name) as dept_name,
        min(employees.position_title) as position_title,
        max(approved.approved_count) as approved_count,
        count(*) as actual_count,
        jsonb_agg(employees.emp_name order by employees.emp_code) as holders,
        jsonb_agg(
            {{ source_ref('hr.employee', ['emp_code'], "'人员 ' || emp_code || ' ' || emp_name") }}
            order by employees.emp_code
        ) as refs
    from employees
    inner join approved
        on approved.subsidiary_code = employees.subsidiary_code
        and approved.dept_key is not distinct from employees.dept_key
        and approved.title_key = employees.title_key
    group by employees.subsidiary_code, employees.dept_key, employees.title_key
    having count(*) > max(approved.approved_count)
),

final as (
    select
        'RF_HR_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        emp_name as subject_name,
        to_char({{ as_of_date() }}, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', '职务不在核定的机构编制内（自设职务）',
            '人员', emp_name,
            '部门', dept_name,
            '职务', position_title,
            '评价日', {{ as_of_date() }},
            '标准出处', '干部管理相关规定；集团机构编制管理制度（核定三定方案）'
        ) as evidence,
        jsonb_build_array({{ source_ref('hr.employee', ['emp_code'], "'人员 ' || emp_code || ' ' || emp_name") }})
            as source_refs,
        'outside|' || emp_code as flag_key
    from outside

    union all

    select
        'RF_HR_003' as rule_id,
        subsidiary_code,
        'position' as subject_type,
        subsidiary_code || '|' || dept_key || '|' || title_key as subject_id,
        dept_name || ' ' || position_title as subject_name,
        to_char({{ as_of_date() }}, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', '超职数配备：核定' || approved_count || '名，实有' || actual_count || '名',
            '部门', dept_name,
            '职务', position_title,
            '核定职数', approved_count,
            '实有人数', actual_count,
            '任职人员', holders,
            '评价日', {{ as_of_date() }},
            '标准出处', '干部管理相关规定（严禁超职数配备）；集团机构编制管理制度'
        ) as evidence,
        refs as source_refs,
        'over|' || subsidiary_code || '|' || dept_key || '|' || title_key as flag_key
    from over_count
)

select * from final
