{#- RF_HR_001 亲属关系存在直接上下级 (任职回避): a declared relative within the avoidance range (夫妻、直系血亲、
    三代以内旁系血亲、近姻亲; the relation as HR writes it, read through map_relative_relation, a label it does not
    know counted as a relative) who is also an employee in post, where
    - one of the two is the other's direct superior (any unit), or
    - in the same unit, one is a unit leader (集团领导 rank, or a 董事长/总经理/书记 ... title) and the other works
      in a post that requires avoidance (std_relative_avoidance_posts: 财务, 审计, 人事, 纪检), or
    - in the same unit, both work in the same such department and one of them heads it (部长/主任/负责人/总监).
    The relative's employee record is found by the normalised ID number first, then the declared employee code,
    then the normalised name with the birth date; a declaration with neither ID number nor birth date is matched
    by the name alone when exactly one employee of the declarer's unit has it. Both must be in post. One flag
    per declaration. -#}
with declarations as (
    select * from {{ ref('stg_hr__relative_declaration') }}
),

employees as (
    select * from {{ ref('int_hr__employees') }}
),

relations as (
    select * from {{ ref('map_relative_relation') }}
),

avoidance as (
    select * from {{ ref('std_relative_avoidance_posts') }}
    where {{ in_force(as_of_date()) }}
),

keyed as (
    select
        declarations.*,
        {{ norm_emp_code('declarations.emp_code') }} as declarer_key,
        {{ norm_emp_code('declarations.relative_emp_code') }} as relative_code_key,
        {{ norm_id_number('declarations.relative_id_number') }} as relative_id_key,
        {{ norm_name('declarations.relative_name') }} as relative_name_key,
        {{ norm_name('declarations.relation') }} as relation_key
    from declarations
),

classified as (
    select
        keyed.*,
        coalesce(rel.relation_class, '未归类（按近亲属判定）') as relation_class,
        coalesce(rel.in_scope, true) as in_scope
    from keyed
    left join lateral (
        select relations.* from relations
        where {{ norm_name('relations.relation_label') }} in (
            keyed.relation_key, regexp_replace(keyed.relation_key, '[(\[【][^)\]】]*[)\]】]', '', 'g'))
            and {{ in_force(as_of_date(), 'relations') }}
            and relations.subsidiary_code is null
        limit 1
    ) as rel on true
),

matched as (
    select
        classified.*,
        declarer.emp_code as declarer_code,
        relative.emp_code as relative_code,
        relative.matched_by
    from classified
    inner join lateral (
        select * from employees where employees.emp_key = classified.declarer_key
        order by employees.status = '在职' desc, employees.emp_code limit 1
    ) as declarer on true
    inner join lateral (
        select found.emp_code, found.matched_by
        from (
            select employees.emp_code, 1 as priority, '身份证号' as matched_by, employees.status from employees
            where employees.id_key = classified.relative_id_key
            union all
            select employees.emp_code, 2, '人员编码', employees.status from employees
            where employees.emp_key = classified.relative_code_key
            union all
            select employees.emp_code, 3, '姓名和出生日期', employees.status from employees
            where employees.name_key = classified.relative_name_key
                and employees.birth_date = classified.relative_birth_date
            union all
            select min(employees.emp_code), 4, '姓名（本单位唯一）', min(employees.status) from employees
            where classified.relative_id_key is null and classified.relative_birth_date is null
                and employees.name_key = classified.relative_name_key
                and employees.subsidiary_code = declarer.subsidiary_code
            having count(*) = 1
        ) as found
        where found.emp_code <> declarer.emp_code
        order by found.priority, found.status = '在职' desc, found.emp_code
        limit 1
    ) as relative on true
    where classified.in_scope
),

pairs as (
    select
        matched.*,
        a.subsidiary_code,
        a.emp_name as declarer_name,
        a.position_title as declarer_title,
        a.dept_name as declarer_dept,
        b.emp_name as relative_emp_name,
        b.position_title as relative_title,
        b.dept_name as relative_dept,
        a.subsidiary_code = b.subsidiary_code as same_unit,
        case
            when a.manager_key = b.emp_key then 'relative_superior'
            when b.manager_key = a.emp_key then 'declarer_superior'
        end as reporting,
        {{ unit_leader('a') }} as a_leader,
        {{ unit_leader('b') }} as b_leader,
        a.title_key ~ '(部长|主任|负责人|总监)' or a.rank_name in ('中层正职', '中层副职') as a_head,
        b.title_key ~ '(部长|主任|负责人|总监)' or b.rank_name in ('中层正职', '中层副职') as b_head,
        a.dept_key as a_dept,
        b.dept_key as b_dept,
        (select min(avoidance.post_name) from avoidance
         where strpos(a.dept_key, avoidance.dept_keyword) > 0
            and (avoidance.subsidiary_code = a.subsidiary_code or avoidance.subsidiary_code is null)) as a_post,
        (select min(avoidance.post_name) from avoidance
         where strpos(b.dept_key, avoidance.dept_keyword) > 0
            and (avoidance.subsidiary_code = b.subsidiary_code or avoidance.subsidiary_code is null)) as b_post,
        (select min(avoidance.source) from avoidance) as avoidance_source
    from matched
    inner join employees as a on a.emp_code = matched.declarer_code and a.status = '在职'
    inner join employees as b on b.emp_code = matched.relative_code and b.status = '在职'
),

judged as (
    select
        pairs.*,
        case
            when reporting = 'relative_superior' then relative_emp_name || '是' || declarer_name || '的直接上级'
            when reporting = 'declarer_superior' then declarer_name || '是' || relative_emp_name || '的直接上级'
            when same_unit and a_leader and b_post is not null
                then '单位领导' || declarer_name || '的亲属' || relative_emp_name || '在本单位' || b_post || '岗位'
            when same_unit and b_leader and a_post is not null
                then '单位领导' || relative_emp_name || '的亲属' || declarer_name || '在本单位' || a_post || '岗位'
            when same_unit and a_dept = b_dept and a_post is not null and (a_head or b_head)
                then '两人同在' || a_dept || '（' || a_post || '），其中'
                     || case when a_head then declarer_name else relative_emp_name end || '为部门负责人'
        end as finding,
        case
            when reporting = 'relative_superior' then relative_code
            when reporting = 'declarer_superior' then declarer_code
            when same_unit and a_leader and b_post is not null then declarer_code
            when same_unit and b_leader and a_post is not null then relative_code
            when a_head then declarer_code
            else relative_code
        end as superior_code
    from pairs
),

final as (
    select
        'RF_HR_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        superior_code as subject_id,
        case when superior_code = declarer_code then declarer_name else relative_emp_name end as subject_name,
        to_char(declared_on, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', '存在' || relation || '（' || relation_class || '）关系的两人' || finding,
            '申报人', declarer_name || '（' || coalesce(declarer_dept, '') || ' ' || coalesce(declarer_title, '') || '）',
            '亲属', relative_emp_name || '（' || coalesce(relative_dept, '') || ' ' || coalesce(relative_title, '') || '）',
            '申报亲属姓名', relative_name,
            '关系', relation,
            '关系类别', relation_class,
            '亲属档案匹配依据', matched_by,
            '申报日期', declared_on,
            '评价日', {{ as_of_date() }},
            '标准出处', case when reporting is null then avoidance_source
                           else '国有企业领导人员任职回避规定；《国有企业领导人员廉洁从业若干规定》' end
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.relative_declaration', ['decl_id'], "'亲属关系申报 ' || decl_id") }},
            jsonb_build_object('table', 'hr.employee', 'key', jsonb_build_object('emp_code', declarer_code),
                               'label', '人员 ' || declarer_code),
            jsonb_build_object('table', 'hr.employee', 'key', jsonb_build_object('emp_code', relative_code),
                               'label', '人员 ' || relative_code)
        ) as source_refs,
        decl_id as flag_key
    from judged
    where finding is not null
)

select * from final
