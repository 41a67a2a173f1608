{#- RF_HR_003 超职数或编制外设置职务: a person in post whose title is not in the approved establishment of
    their unit and department (自设职务, e.g. 总经理助理), and every title held by more people than approved
    (超职数配备). -#}
with employees as (
    select * from {{ ref('stg_hr__employee') }}
    where status = '在职'
),

establishment as (
    select * from {{ ref('stg_hr__establishment') }}
),

outside as (
    select employees.*
    from employees
    where not exists (
        select 1 from establishment
        where establishment.subsidiary_code = employees.subsidiary_code
            and establishment.dept_name = employees.dept_name
            and establishment.position_title = employees.position_title
    )
),

over_count as (
    select
        employees.subsidiary_code,
        employees.dept_name,
        employees.position_title,
        max(establishment.approved_count) as approved_count,
        count(*) as actual_count,
        jsonb_agg(employees.emp_name order by employees.emp_code) as holders,
        jsonb_agg(
            {{ source_ref('hr.employee', ['emp_code'], "'人员 ' || emp_code || ' ' || emp_name") }}
            order by employees.emp_code
        ) as refs
    from employees
    inner join establishment
        on establishment.subsidiary_code = employees.subsidiary_code
        and establishment.dept_name = employees.dept_name
        and establishment.position_title = employees.position_title
    group by employees.subsidiary_code, employees.dept_name, employees.position_title
    having count(*) > max(establishment.approved_count)
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
        subsidiary_code || '|' || dept_name || '|' || position_title as subject_id,
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
            '标准出处', '干部管理相关规定（严禁超职数配备）；集团机构编制管理制度'
        ) as evidence,
        refs as source_refs,
        'over|' || subsidiary_code || '|' || dept_name || '|' || position_title as flag_key
    from over_count
)

select * from final
