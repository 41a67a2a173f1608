{#- Every employee with the normalised keys the people rules compare (macros/normalise.sql), computed once:
    the employee code as another system may write it (emp_key, manager_key), the ID number (id_key), the name
    (name_key), the department and title (dept_key, title_key: without any whitespace, 职　员 = 职员), and the day the person went off post (left or
    retired; null while in post or when the status gives no date). The status is read as HR exports write it
    (norm_employment_status: 在岗 and 试用期 are 在职, 已离职 and 辞职 are 离职). -#}
with employees as (
    select
        *,
        {{ norm_employment_status('status') }} as status_key
    from {{ ref('stg_hr__employee') }}
),

rank_names as (
    select distinct rank_code, rank_name from {{ ref('map_hr_rank_travel_tier') }} where subsidiary_code is null
),

final as (
    select
        -- ids
        employees.emp_code,
        employees.subsidiary_code,
        employees.rank_code,
        employees.manager_emp_code,
        {{ norm_emp_code('employees.emp_code') }} as emp_key,
        {{ norm_emp_code('employees.manager_emp_code') }} as manager_key,
        {{ norm_id_number('employees.id_number') }} as id_key,
        -- strings
        employees.emp_name,
        {{ norm_name('employees.emp_name') }} as name_key,
        employees.dept_name,
        {{ norm_name('employees.dept_name') }} as dept_key,
        employees.position_title,
        {{ norm_name('employees.position_title') }} as title_key,
        rank_names.rank_name,
        employees.status_key as status,
        -- dates
        employees.birth_date,
        employees.hire_date,
        employees.leave_date,
        employees.retire_date,
        case
            when employees.status_key = '离职' then coalesce(employees.leave_date, employees.retire_date)
            when employees.status_key = '退休' then coalesce(employees.retire_date, employees.leave_date)
        end as off_post_date,
        employees.modified_at
    from employees
    left join rank_names on rank_names.rank_code = employees.rank_code
)

select * from final
