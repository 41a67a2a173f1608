{#- Entertainment claim lines with their OA pre-approval (if any) and the entertainment standard in force on
    the day for the host's level (集团本部 / 二级单位 / 三级单位 from the organisation level; a subsidiary's own
    standard replaces the group default). -#}
with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where expense_type = '业务招待费'
),

approvals as (
    select * from {{ ref('stg_oa__entertainment_approval') }}
),

orgs as (
    select * from {{ ref('stg_nc_erp__org') }}
),

standards as (
    select * from {{ ref('std_entertainment') }}
),

joined as (
    select
        lines.*,
        case when orgs.org_level <= 1 then '集团本部' when orgs.org_level = 2 then '二级单位' else '三级单位' end
            as host_level,
        approvals.approval_id,
        approvals.status as approval_status_oa,
        approvals.approved_at,
        approvals.planned_date,
        approvals.guest_unit,
        approvals.guest_list,
        approvals.letter_attached,
        approvals.approved_amount,
        approvals.guest_count as approved_guest_count,
        coalesce(lines.guest_count, 0) + coalesce(lines.accompany_count, 0) as diners
    from lines
    left join approvals on approvals.approval_id = lines.oa_request_id
    left join orgs on orgs.subsidiary_code = lines.subsidiary_code
),

final as (
    select
        joined.*,
        std.meal_cap_per_person,
        std.max_accompany_when_guests_le_10,
        std.accompany_ratio_above_10,
        std.letter_required,
        std.guest_list_required,
        std.preapproval_required,
        std.source as standard_source,
        case
            when coalesce(joined.guest_count, 0) <= 10 then std.max_accompany_when_guests_le_10
            -- 三分之一 stored as 0.3333: round to cents first so 12 guests allow 4, not 3
            else floor(round(joined.guest_count * std.accompany_ratio_above_10, 2))
        end as max_accompany
    from joined
    left join lateral (
        select standards.*
        from standards
        where standards.host_level = joined.host_level
            and {{ in_force('joined.start_date', 'standards') }}
            and (standards.subsidiary_code = joined.subsidiary_code or standards.subsidiary_code is null)
        order by standards.subsidiary_code is null
        limit 1
    ) as std on true
)

select * from final
