{#- Entertainment claim lines (费用项目 containing 招待 or 接待; not on a rejected claim) with the business event
    each belongs to, its OA pre-approval and the entertainment standard in force, so the rules judge the meal and
    the approval rather than one invoice line:

    - approval: the line's OA approval number (normalised with norm_code); a line without a number is matched to
      the one approval of its subsidiary whose applicant is the line's person and whose planned date is the
      line's date (if there is exactly one, and no claim names it). A number that finds no approval leaves the
      line without one.
    - meal (一次接待): the approval when the line has one (one approval is one reception: its invoices may carry
      different dates when claimed loosely); otherwise subsidiary + person + date (a claim line carries no guest
      unit). All invoices and lines of one meal, on any claim, are one meal: their amounts add up; the meal date
      is its first line's; guest and accompany counts are the largest any line states (the same dinner split
      over two invoices repeats its head count), else the approval's.
    - approval totals: everything claimed against one approval, across claims and meals.
    - red ink (红字冲销): a negative line belongs to the event of the line it reverses. One that names its
      approval is in that approval's event already; one that names none takes the event of the positive
      entertainment line of the same invoice and subsidiary (the one of the same absolute amount first), so a
      reversal on a later claim, dated when it was written, is netted into its meal and approval. The meal and
      approval amounts are then net: a meal reversed in full adds up to zero (the rules do not judge it), one
      reversed in part is judged on what was left.

    The standard is std_entertainment for the host's level (集团本部 / 二级单位 / 三级单位 from the organisation
    level) in force on the meal date, a subsidiary's own row winning over the group default
    (standard_in_force); `standard_matched` is false where none applies (counted, never dropped). -#}
{{ config(materialized='table') }}

{#- posts written after a name on a guest list (张某 处长): not names themselves -#}
{%- set posts = ['处长', '科长', '局长', '厅长', '部长', '司长', '院长', '所长', '主任', '总经理', '经理', '书记', '科员',
                 '干事', '主席', '总监', '工程师', '专员', '秘书', '委员', '助理', '调研员', '巡视员', '会计', '职员', '教授',
                 '研究员', '组长', '队长', '董事长', '总裁', '主管'] %}

with lines as (
    select
        *,
        {{ norm_code('oa_request_id') }} as approval_ref_key,
        {{ norm_invoice('invoice_code', 'invoice_no') }} as meal_invoice_key
    from {{ ref('int_exp__claim_lines') }}
    where {{ norm_text('expense_type') }} ~ '招待|接待'
        -- a claim turned down (驳回, 退回, 审批不通过, 作废 ...) reimburses nothing
        and not {{ claim_turned_down('approval_status') }}
),

approvals as (
    select
        *,
        {{ norm_code('approval_id') }} as approval_key,
        {{ norm_code('applicant_emp_code') }} as applicant_key,
        {{ norm_text('guest_list') }} as guest_list_text
    from {{ ref('stg_oa__entertainment_approval') }}
),

orgs as (
    select * from {{ ref('stg_nc_erp__org') }}
),

standards as (
    select * from {{ ref('std_entertainment') }}
),

-- an approval found by person and date for a line that names none: only when exactly one fits and no claim
-- names it (an approval another claim names is that claim's meal: the unnamed line is not known to be part of it)
approvals_by_person_day as (
    select subsidiary_code, applicant_key, planned_date, min(approval_key) as approval_key
    from approvals
    where approval_key not in (select approval_ref_key from lines where approval_ref_key is not null)
    group by subsidiary_code, applicant_key, planned_date
    having count(*) = 1
),

matched as (
    select
        lines.*,
        coalesce(approvals.approval_key, by_day.approval_key) as own_approval_key,
        case
            when approvals.approval_key is not null then '审批单号'
            when by_day.approval_key is not null then '申请人及接待日期'
            when lines.approval_ref_key is not null then '审批单号在OA中不存在'
        end as own_approval_match
    from lines
    left join approvals on approvals.approval_key = lines.approval_ref_key
    left join approvals_by_person_day as by_day
        on lines.approval_ref_key is null
        and by_day.subsidiary_code = lines.subsidiary_code
        and by_day.applicant_key = {{ norm_code('lines.person_code') }}
        and by_day.planned_date = lines.start_date
),

-- a red-ink line that names no approval joins the event of the line it reverses (same invoice and subsidiary)
placed as (
    select
        matched.*,
        case when original.claim_no is null then matched.own_approval_key else original.own_approval_key end
            as approval_key,
        case when original.claim_no is null then matched.own_approval_match else original.own_approval_match end
            as approval_match,
        coalesce(original.person_code, matched.person_code) as event_person_code,
        coalesce(original.start_date, matched.start_date) as event_date
    from matched
    left join lateral (
        select reversed.claim_no, reversed.own_approval_key, reversed.own_approval_match, reversed.person_code,
            reversed.start_date
        from matched as reversed
        where reversed.meal_invoice_key = matched.meal_invoice_key
            and reversed.subsidiary_code = matched.subsidiary_code
            and reversed.amount > 0
        order by reversed.amount = -matched.amount desc, reversed.claim_no, reversed.line_no
        limit 1
    ) as original
        on matched.amount < 0 and matched.approval_ref_key is null and matched.meal_invoice_key is not null
),

with_approval as (
    select
        matched.*,
        approvals.approval_id,
        approvals.status as approval_status_oa,
        coalesce({{ norm_approval_status('approvals.status') }} = '已批准', false)
            as approval_granted,
        approvals.approved_at,
        approvals.planned_date,
        approvals.guest_unit,
        approvals.letter_unit,
        approvals.guest_list,
        coalesce(approvals.letter_attached, false) as letter_attached,
        approvals.approved_amount,
        approvals.guest_count as approved_guest_count,
        approvals.accompany_count as approved_accompany_count,
        -- names on the guest list, separated by 、，,；;/| or spaces; a word that is only a post (张某 处长、李某
        -- 副科长) is not a name, while 王局长 is a guest; "张某等5人" or "……（共5人）" counts 5; an attached list
        -- without names in text gives its count in guest_list_count
        case
            when approvals.guest_list_text ~ '(等|共)\s*[0-9]+\s*(人|位|名)'
                then cast(substring(approvals.guest_list_text from '(?:等|共)\s*([0-9]+)\s*(?:人|位|名)') as integer)
            when approvals.guest_list_text is not null then (
                select count(*)
                from regexp_split_to_table(approvals.guest_list_text, '[、，,；;/|\s]+') as n(name)
                where n.name <> ''
                    and n.name !~ '^[(（]?(副|常务副|一级|二级|三级|四级|高级)?({{ posts | join('|') }})[)）]?$')
            else approvals.guest_list_count
        end as listed_guest_count,
        {{ norm_code('approvals.guest_unit') }} as guest_unit_key,
        {{ norm_code('approvals.letter_unit') }} as letter_unit_key,
        case when matched.approval_key is not null
            then 'A:' || matched.approval_key
            else 'P:' || matched.subsidiary_code || '|' || {{ norm_code('matched.event_person_code') }} || '|'
                || to_char(matched.event_date, 'YYYY-MM-DD')
        end as meal_key
    from placed as matched
    left join approvals on approvals.approval_key = matched.approval_key
),

events as (
    select
        with_approval.*,
        -- the meal: every line of it, on any claim
        min(start_date) over (partition by meal_key) as meal_date,
        sum(amount) over (partition by meal_key) as meal_amount,
        count(*) over (partition by meal_key) as meal_line_count,
        coalesce(max(nullif(guest_count, 0)) over (partition by meal_key), approved_guest_count) as meal_guests,
        -- lines that state no guests (null or 0: an unfilled form) are not trusted for the accompany count either
        case when max(nullif(guest_count, 0)) over (partition by meal_key) is not null
            then coalesce(max(accompany_count) over (partition by meal_key), approved_accompany_count)
            else coalesce(approved_accompany_count, max(accompany_count) over (partition by meal_key))
        end as meal_accompany,
        -- the approval: everything claimed against it
        case when approval_key is not null then sum(amount) over (partition by approval_key) end
            as approval_claimed_amount,
        case when approval_key is not null then max(nullif(guest_count, 0)) over (partition by approval_key) end
            as approval_claimed_guests,
        case when approval_key is not null then min(start_date) over (partition by approval_key) end
            as approval_first_date
    from with_approval
),

leveled as (
    select
        events.*,
        coalesce(meal_guests, 0) + coalesce(meal_accompany, 0) as meal_diners,
        {{ host_level('orgs.org_level') }} as host_level
    from events
    left join orgs on orgs.subsidiary_code = events.subsidiary_code
),

final as (
    select
        -- ids and keys
        leveled.claim_no,
        leveled.line_no,
        leveled.subsidiary_code,
        leveled.person_code,
        leveled.claimant_emp_code,
        leveled.meal_key,
        leveled.approval_key,
        leveled.approval_id,
        leveled.oa_request_id,
        leveled.meal_invoice_key,
        -- strings
        leveled.person_name,
        leveled.expense_type,
        leveled.item_name,
        leveled.claim_summary,
        leveled.approval_match,
        leveled.approval_status_oa,
        leveled.guest_unit,
        leveled.letter_unit,
        leveled.guest_unit_key,
        leveled.letter_unit_key,
        leveled.guest_list,
        leveled.host_level,
        std.source as standard_source,
        -- amounts and numbers: the line
        leveled.amount,
        leveled.guest_count,
        leveled.accompany_count,
        -- the meal
        leveled.meal_amount,
        leveled.meal_line_count,
        leveled.meal_guests,
        leveled.meal_accompany,
        leveled.meal_diners,
        -- the approval
        leveled.approved_amount,
        leveled.approved_guest_count,
        leveled.approved_accompany_count,
        leveled.listed_guest_count,
        leveled.approval_claimed_amount,
        leveled.approval_claimed_guests,
        -- the standard
        std.meal_cap_per_person,
        case
            when coalesce(leveled.meal_guests, 0) <= 10 then std.max_accompany_when_guests_le_10
            -- 三分之一 stored as 0.3333: round to cents first so 12 guests allow 4, not 3
            else floor(round(leveled.meal_guests * std.accompany_ratio_above_10, 2))
        end as max_accompany,
        std.single_invoice_screen_amount,
        -- dates
        leveled.start_date,
        leveled.meal_date,
        leveled.approval_first_date,
        leveled.planned_date,
        leveled.approved_at,
        std.effective_from as standard_effective_from,
        -- flags
        leveled.approval_granted,
        leveled.letter_attached,
        coalesce(std.letter_required, true) as letter_required,
        coalesce(std.guest_list_required, true) as guest_list_required,
        coalesce(std.preapproval_required, true) as preapproval_required,
        std.host_level is not null as standard_matched
    from leveled
    left join lateral ({{ standard_in_force('standards', 'leveled.start_date', 'leveled.subsidiary_code',
                                            'standards.host_level = leveled.host_level') }}) as std on true
)

select * from final
