{#- Procurement approvals with the keys the procurement rules compare, computed once: the budget project as a
    code (norm_code: spaces, dashes, full-width forms and case do not make another project), the supplier name
    as text (norm_text) and the supplier code (norm_code). -#}
with approvals as (
    select * from {{ ref('stg_oa__procurement_approval') }}
),

final as (
    select
        approvals.*,
        -- keys
        {{ norm_code('approvals.budget_project') }} as budget_project_key,
        {{ norm_code('approvals.supplier_code') }} as supplier_code_key,
        {{ norm_text('approvals.supplier_name') }} as supplier_name_key,
        {{ norm_text('approvals.method') }} as method_key,
        {{ norm_text('approvals.status') }} as status_key
    from approvals
)

select * from final
