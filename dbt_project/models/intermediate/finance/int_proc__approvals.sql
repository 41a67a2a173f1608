{#- Procurement approvals with the keys the procurement rules compare, computed once: the budget project as a
    code (norm_optional_code: spaces, dashes, full-width forms and case do not make another project; 无, 暂无,
    N/A are no project), the supplier name
    as text (norm_text), the supplier code (norm_code) and the applicant's and approver's employee codes
    (norm_emp_code: case, separators and leading zeros do not make another person). The method and the category as
    the OA form writes them are read as the standard's words: without any whitespace (公开　招标 = 公开招标), a
    trailing remark in brackets and a trailing 采购 / 方式 dropped from the method (询价采购 = 询价, 公开招标（电子
    招标平台）= 公开招标), a trailing 类 dropped from the category (货物类 = 货物), so that std_procurement (joined
    on `category`) and the method lists of the rules find them. -#}
with approvals as (
    select * from {{ ref('stg_oa__procurement_approval') }}
),

final as (
    select
        -- ids
        approvals.approval_id,
        approvals.subsidiary_code,
        approvals.applicant_emp_code,
        approvals.approver_emp_code,
        approvals.supplier_code,
        -- strings
        approvals.item_name,
        coalesce(regexp_replace({{ norm_name('approvals.category') }}, '(.)类$', '\1'), approvals.category)
            as category,
        approvals.category as category_as_written,
        approvals.budget_project,
        approvals.supplier_name,
        approvals.method,
        approvals.status,
        -- amounts and numbers
        approvals.amount,
        approvals.inquiry_records,
        -- dates
        approvals.approved_on,
        approvals.modified_at,
        -- lineage
        approvals.batch_id,
        -- keys
        {{ norm_optional_code('approvals.budget_project') }} as budget_project_key,
        {{ norm_code('approvals.supplier_code') }} as supplier_code_key,
        {{ norm_emp_code('approvals.applicant_emp_code') }} as applicant_key,
        {{ norm_emp_code('approvals.approver_emp_code') }} as approver_key,
        {{ norm_text('approvals.supplier_name') }} as supplier_name_key,
        regexp_replace(regexp_replace({{ norm_name('approvals.method') }}, '(.)\([^()]*\)$', '\1'),
                       '(.)(采购|方式)+$', '\1') as method_key,
        {{ norm_approval_status('approvals.status') }} as status_key
    from approvals
)

select * from final
