{#- RF_REL_001 供应商与员工或其亲属关联（利益输送、违规经商办企业）: a supplier a subsidiary bought from or paid
    whose master data matches an employee of the group or a relative an employee declared:
    - its bank account is the employee's salary account (norm_account),
    - its phone is the employee's mobile (norm_phone: +86, dashes, brackets),
    - its address is the employee's home address (norm_address: full-width digits, spaces, punctuation),
    - its phone or address is the phone or address of a relative an employee declared (same normalisation),
    - its legal representative or a natural-person shareholder is the employee or a declared relative, by the
      normalised ID number (norm_id_number: 15-digit numbers, lower-case x; a name alone is never a match).
    The employee must have been on the books at some time between the subsidiary's first and last purchase or
    payment of that supplier (hired before the last, not off post before the first). One flag per subsidiary and
    supplier, listing every match, every approved purchase with the employee's role in it (申请人, 审批人) and
    every payment. Amount: what the subsidiary paid the supplier; when nothing was paid yet, the approved
    purchases. -#}
with suppliers as (
    select
        *,
        {{ norm_code('supplier_code') }} as supplier_key,
        {{ norm_account('bank_account') }} as account_key,
        {{ norm_phone('contact_phone') }} as phone_key,
        {{ norm_address('address') }} as address_key,
        {{ norm_id_number('legal_rep_id_number') }} as legal_rep_id_key
    from {{ ref('stg_nc_erp__supplier') }}
),

shareholders as (
    select
        *,
        {{ norm_code('supplier_code') }} as supplier_key,
        {{ norm_id_number('shareholder_id_number') }} as id_key
    from {{ ref('stg_nc_erp__supplier_shareholder') }}
),

employees as (
    select * from {{ ref('int_hr__employees') }}
),

contacts as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as emp_key,
        {{ norm_account('salary_account') }} as account_key,
        {{ norm_phone('mobile_phone') }} as phone_key,
        {{ norm_address('home_address') }} as address_key
    from {{ ref('stg_hr__employee_contact') }}
),

declarations as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as declarer_key,
        {{ norm_id_number('relative_id_number') }} as relative_id_key,
        {{ norm_phone('relative_phone') }} as phone_key,
        {{ norm_address('relative_address') }} as address_key
    from {{ ref('stg_hr__relative_declaration') }}
),

approvals as (
    -- applicant_key / approver_key: the employee codes as norm_emp_code reads them (int_proc__approvals)
    select * from {{ ref('int_proc__approvals') }}
    where status_key = '已批准'
),

payments as (
    select *, {{ norm_code('supplier_code') }} as supplier_key
    from {{ ref('stg_nc_erp__supplier_payment') }}
),

-- the people to watch by ID number: every employee, and every relative an employee declared
persons as (
    select emp_key, id_key, emp_name as person_name, id_key as registered_id, '本人' as relation,
        null::text as decl_id
    from employees
    where id_key is not null
    union all
    select declarer_key, relative_id_key, relative_name, relative_id_number, '亲属（' || relation || '）', decl_id
    from declarations
    where relative_id_key is not null
),

-- every match of a supplier with an employee (emp_key is the employee the match leads to)
links as (
    select suppliers.supplier_key, contacts.emp_key, '本人' as relation, '收款银行账号与员工工资卡账号相同' as matched_on,
        suppliers.bank_account as supplier_value, contacts.salary_account as person_value, null::text as decl_id,
        null::integer as seq_no, contacts.emp_code as contact_emp_code
    from suppliers
    inner join contacts on contacts.account_key = suppliers.account_key
    union all
    select suppliers.supplier_key, contacts.emp_key, '本人', '联系电话与员工手机号相同',
        suppliers.contact_phone, contacts.mobile_phone, null, null, contacts.emp_code
    from suppliers
    inner join contacts on contacts.phone_key = suppliers.phone_key
    union all
    select suppliers.supplier_key, contacts.emp_key, '本人', '注册（经营）地址与员工家庭住址相同',
        suppliers.address, contacts.home_address, null, null, contacts.emp_code
    from suppliers
    inner join contacts on contacts.address_key = suppliers.address_key
    union all
    select suppliers.supplier_key, declarations.declarer_key, '亲属（' || declarations.relation || '）',
        '联系电话与员工申报的亲属' || declarations.relative_name || '的电话相同',
        suppliers.contact_phone, declarations.relative_name || ' ' || declarations.relative_phone, declarations.decl_id,
        null, null
    from suppliers
    inner join declarations on declarations.phone_key = suppliers.phone_key
    union all
    select suppliers.supplier_key, declarations.declarer_key, '亲属（' || declarations.relation || '）',
        '注册（经营）地址与员工申报的亲属' || declarations.relative_name || '的住址相同',
        suppliers.address, declarations.relative_name || ' ' || declarations.relative_address, declarations.decl_id,
        null, null
    from suppliers
    inner join declarations on declarations.address_key = suppliers.address_key
    union all
    select suppliers.supplier_key, persons.emp_key, persons.relation,
        '法定代表人' || suppliers.legal_rep_name || '的身份证号与' || persons.person_name || '相同',
        suppliers.legal_rep_id_number, persons.person_name || ' ' || persons.registered_id, persons.decl_id, null, null
    from suppliers
    inner join persons on persons.id_key = suppliers.legal_rep_id_key
    union all
    select shareholders.supplier_key, persons.emp_key, persons.relation,
        '自然人股东' || shareholders.shareholder_name || '（持股' || coalesce(shareholders.share_ratio::text, '?')
            || '%）的身份证号与' || persons.person_name || '相同',
        shareholders.shareholder_id_number, persons.person_name || ' ' || persons.registered_id, persons.decl_id, shareholders.seq_no, null
    from shareholders
    inner join persons on persons.id_key = shareholders.id_key
),

-- what each subsidiary bought from and paid each supplier
business as (
    select
        coalesce(bought.subsidiary_code, paid.subsidiary_code) as subsidiary_code,
        coalesce(bought.supplier_key, paid.supplier_key) as supplier_key,
        coalesce(bought.approved_total, 0) as approved_total,
        coalesce(paid.paid_total, 0) as paid_total,
        least(bought.first_day, paid.first_day) as first_day,
        greatest(bought.last_day, paid.last_day) as last_day,
        coalesce(paid.detail, '[]'::jsonb) as payment_detail,
        coalesce(paid.refs, '[]'::jsonb) as payment_refs
    from (
        select subsidiary_code, supplier_code_key as supplier_key, sum(amount) as approved_total,
            min(approved_on) as first_day, max(approved_on) as last_day
        from approvals
        group by subsidiary_code, supplier_code_key
    ) as bought
    full outer join (
        select
            subsidiary_code, supplier_key, sum(amount) as paid_total, min(pay_date) as first_day,
            max(pay_date) as last_day,
            jsonb_agg(jsonb_build_object('付款单号', payment_no, '付款日期', pay_date, '付款金额', amount,
                                         '采购审批单号', approval_id, '记账凭证号', voucher_no)
                      order by pay_date, payment_no) as detail,
            jsonb_agg({{ source_ref('nc_erp.supplier_payment', ['payment_no'], "'供应商付款 ' || payment_no") }}
                      order by pay_date, payment_no) as refs
        from payments
        group by subsidiary_code, supplier_key
    ) as paid
        on paid.subsidiary_code = bought.subsidiary_code and paid.supplier_key = bought.supplier_key
),

-- matches with an employee on the books while the subsidiary dealt with the supplier
matched as (
    select
        business.subsidiary_code,
        business.supplier_key,
        links.emp_key,
        links.relation,
        links.matched_on,
        links.supplier_value,
        links.person_value,
        links.decl_id,
        links.seq_no,
        links.contact_emp_code,
        employees.emp_code,
        employees.emp_name,
        employees.subsidiary_code as emp_subsidiary,
        employees.dept_name,
        employees.position_title
    from business
    inner join links on links.supplier_key = business.supplier_key
    inner join employees on employees.emp_key = links.emp_key
    where employees.hire_date <= business.last_day
        and (employees.off_post_date is null or employees.off_post_date >= business.first_day)
),

people as (
    select
        subsidiary_code,
        supplier_key,
        array_agg(distinct emp_key) as emp_keys,
        string_agg(distinct emp_name, '、') as names,
        jsonb_agg(jsonb_build_object(
            '人员编码', emp_code, '姓名', emp_name, '所在单位', emp_subsidiary,
            '部门职务', concat_ws(' ', dept_name, position_title), '关联方式', relation, '关联依据', matched_on,
            '供应商登记值', supplier_value, '员工或亲属登记值', person_value, '亲属申报编号', decl_id)
            order by emp_code, matched_on) as detail,
        jsonb_agg(distinct jsonb_build_object('table', 'hr.employee', 'key', jsonb_build_object('emp_code', emp_code),
                                              'label', '人员 ' || emp_code)) as employee_refs,
        coalesce(jsonb_agg(distinct {{ source_ref('hr.relative_declaration', ['decl_id'], "'亲属关系申报 ' || decl_id") }})
            filter (where decl_id is not null), '[]'::jsonb) as declaration_refs,
        coalesce(jsonb_agg(distinct jsonb_build_object(
            'table', 'nc_erp.supplier_shareholder',
            'key', jsonb_build_object('supplier_code', supplier_code, 'seq_no', seq_no),
            'label', '供应商股东 ' || supplier_code || ' 第' || seq_no || '位'))
            filter (where seq_no is not null), '[]'::jsonb) as shareholder_refs,
        coalesce(jsonb_agg(distinct jsonb_build_object(
            'table', 'hr.employee_contact', 'key', jsonb_build_object('emp_code', contact_emp_code),
            'label', '员工联系信息 ' || contact_emp_code))
            filter (where contact_emp_code is not null), '[]'::jsonb) as contact_refs
    from (
        select matched.*, suppliers.supplier_code
        from matched inner join suppliers on suppliers.supplier_key = matched.supplier_key
    ) as m
    group by subsidiary_code, supplier_key
),

purchases as (
    select
        approvals.subsidiary_code,
        approvals.supplier_code_key as supplier_key,
        jsonb_agg(jsonb_build_object(
            '采购审批单号', approvals.approval_id, '审批日期', approvals.approved_on, '采购内容', approvals.item_name,
            '采购金额', approvals.amount, '采购方式', approvals.method,
            '申请人', concat_ws(' ', approvals.applicant_emp_code, applicant.emp_name),
            '审批人', concat_ws(' ', approvals.approver_emp_code, approver.emp_name),
            '关联人员角色', coalesce(nullif(concat_ws('、',
                case when approvals.applicant_key = any(people.emp_keys) then '关联人员为申请人' end,
                case when approvals.approver_key = any(people.emp_keys) then '关联人员为审批人' end), ''),
                '未参与审批'))
            order by approvals.approved_on, approvals.approval_id) as detail,
        jsonb_agg({{ source_ref('oa.procurement_approval', ['approval_id'], "'采购审批 ' || approval_id") }}
                  order by approvals.approved_on, approvals.approval_id) as refs,
        bool_or(approvals.applicant_key = any(people.emp_keys) or approvals.approver_key = any(people.emp_keys))
            as took_part
    from approvals
    inner join people
        on people.subsidiary_code = approvals.subsidiary_code and people.supplier_key = approvals.supplier_code_key
    left join lateral (
        select employees.emp_name from employees where employees.emp_key = approvals.applicant_key
        order by employees.status = '在职' desc, employees.emp_code limit 1
    ) as applicant on true
    left join lateral (
        select employees.emp_name from employees where employees.emp_key = approvals.approver_key
        order by employees.status = '在职' desc, employees.emp_code limit 1
    ) as approver on true
    group by approvals.subsidiary_code, approvals.supplier_code_key
),

judged as (
    select
        business.*,
        suppliers.supplier_code,
        suppliers.supplier_name,
        suppliers.legal_rep_name,
        people.names,
        people.detail as people_detail,
        people.employee_refs || people.contact_refs || people.declaration_refs || people.shareholder_refs
            as people_refs,
        coalesce(purchases.detail, '[]'::jsonb) as purchase_detail,
        coalesce(purchases.refs, '[]'::jsonb) as purchase_refs,
        coalesce(purchases.took_part, false) as took_part
    from business
    inner join people
        on people.subsidiary_code = business.subsidiary_code and people.supplier_key = business.supplier_key
    inner join suppliers on suppliers.supplier_key = business.supplier_key
    left join purchases
        on purchases.subsidiary_code = business.subsidiary_code and purchases.supplier_key = business.supplier_key
),

final as (
    select
        'RF_REL_001' as rule_id,
        subsidiary_code,
        'supplier' as subject_type,
        supplier_code as subject_id,
        supplier_name as subject_name,
        to_char(last_day, 'YYYY-MM') as period,
        case when paid_total > 0 then paid_total else approved_total end as amount,
        jsonb_build_object(
            '问题', '供应商与本集团员工（' || names || '）或其申报亲属存在关联'
                || case when took_part then '，关联人员参与了对该供应商的采购审批' else '' end,
            '供应商', supplier_name,
            '供应商编码', supplier_code,
            '法定代表人', legal_rep_name,
            '关联人员', people_detail,
            '采购审批', purchase_detail,
            '采购审批合计', approved_total,
            '付款明细', payment_detail,
            '付款合计', paid_total,
            '往来期间', first_day || ' 至 ' || last_day,
            '涉及金额口径', case when paid_total > 0 then '向该供应商付款合计' else '尚未付款，按已批准采购金额合计' end,
            '标准', '供应商的收款账号、联系电话、地址与员工相同，联系电话、地址与员工申报的亲属相同，或法定代表人、自然人股东为员工本人或其申报亲属（号码、地址、身份证号规范化后比对）',
            '标准出处', '《国有企业领导人员廉洁从业若干规定》（禁止利用职权为亲属经营活动提供便利、违规经商办企业）；《中央企业违规经营投资责任追究实施办法（试行）》关联交易相关规定'
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.supplier', ['supplier_code'], "'供应商 ' || supplier_code") }})
            || people_refs || purchase_refs || payment_refs as source_refs,
        subsidiary_code || '|' || supplier_code as flag_key
    from judged
    where paid_total > 0 or approved_total > 0
)

select * from final
