{#- The common body of the entertainment rules (RF_EXP_004..008): one flag per business event of
    int_exp__entertainment that meets `condition`, judged on the event, not on one invoice line.
    `grain` is 'meal' (one meal: the approval, else subsidiary + person + date; all its invoices and lines,
    across claims) or 'approval' (everything claimed against one OA approval, across claims and meals).
    `condition`, `amount` and `finding` read the event's columns (meal_* / approval_* / the standard's); the
    evidence lists every claim line of the event and its approval, the source refs point at each of them.
    Red-ink (红字冲销) lines are netted into their event by int_exp__entertainment: an event whose net amount is
    zero or less (reversed in full) is not judged, and no rule reports a zero or negative amount. -#}
{% macro rf_entertainment(rule_id, grain, condition, amount, finding) -%}
{%- set event_key = 'meal_key' if grain == 'meal' else 'approval_key' -%}
with entertainment as (
    select * from {{ ref('int_exp__entertainment') }}
    where {{ event_key }} is not null
),

-- the lines of each event, as evidence and source references
event_lines as (
    select
        {{ event_key }} as event_key,
        count(*) as line_count,
        string_agg(claim_no || ' 第' || line_no || '行 ' || amount || '元', '；' order by claim_no, line_no)
            as line_list,
        jsonb_agg({{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                                "'报销单 ' || claim_no || ' 第' || line_no || '行（业务招待费）'") }}
                  order by claim_no, line_no) as line_refs,
        -sum(amount) filter (where amount < 0) as reversed_amount,
        min(meal_date) as first_date,
        -- the dates written on its lines (a loosely claimed meal may carry several)
        min(coalesce(start_date, meal_date)) as first_line_date,
        max(coalesce(start_date, meal_date)) as last_line_date
    from entertainment
    group by {{ event_key }}
),

event_claims as (
    select
        event_key,
        jsonb_agg({{ source_ref('nc_erp.expense_claim', ['claim_no'], "'报销单 ' || claim_no") }}
                  order by claim_no) as claim_refs
    from (select distinct {{ event_key }} as event_key, claim_no from entertainment) as claims
    group by event_key
),

-- one row per event: the facts of the event are the same on each of its lines
events as (
    select distinct on ({{ event_key }}) entertainment.*, {{ event_key }} as event_key
    from entertainment
    -- a claimed line, not a red-ink line, speaks for the event
    order by {{ event_key }}, amount < 0, claim_no, line_no
),

final as (
    select
        '{{ rule_id }}' as rule_id,
        events.subsidiary_code,
        'person' as subject_type,
        events.person_code as subject_id,
        events.person_name as subject_name,
        to_char(event_lines.first_date, 'YYYY-MM') as period,
        cast({{ amount }} as numeric(18, 2)) as amount,
        jsonb_build_object(
            '问题', {{ finding }},
            '经办人', events.person_name,
            '接待日期', case when event_lines.first_line_date = event_lines.last_line_date
                then event_lines.first_line_date::text
                else event_lines.first_line_date || '至' || event_lines.last_line_date end,
            '报销明细', event_lines.line_list,
            '报销金额合计', {{ 'events.meal_amount' if grain == 'meal' else 'events.approval_claimed_amount' }},
            '红字冲销金额', event_lines.reversed_amount,
            '来访单位', events.guest_unit,
            '公函来函单位', events.letter_unit,
            '来宾人数', {{ 'events.meal_guests' if grain == 'meal' else 'events.approval_claimed_guests' }},
            '陪餐人数', events.meal_accompany,
            '人均', case when events.meal_diners > 0 then round(events.meal_amount / events.meal_diners, 2) end,
            '人均标准', events.meal_cap_per_person,
            '陪餐上限', events.max_accompany,
            '接待单位层级', events.host_level,
            '审批单号', coalesce(events.approval_id, events.oa_request_id),
            '审批单匹配方式', events.approval_match,
            '审批状态', events.approval_status_oa,
            '审批时间', events.approved_at,
            '审批来宾人数', events.approved_guest_count,
            '核定金额', events.approved_amount,
            '附来访公函', events.letter_attached,
            '来宾名单', events.guest_list,
            '清单人数', events.listed_guest_count,
            '标准出处', events.standard_source,
            '标准生效日期', events.standard_effective_from
        ) as evidence,
        event_lines.line_refs || event_claims.claim_refs
            || case when events.approval_id is null then '[]'::jsonb else jsonb_build_array(
                {{ source_ref('oa.entertainment_approval', ['approval_id'], "'接待审批单 ' || approval_id") }}) end
            as source_refs,
        events.event_key as flag_key
    from events
    inner join event_lines on event_lines.event_key = events.event_key
    inner join event_claims on event_claims.event_key = events.event_key
    where ({{ condition }})
        -- reversed in full: nothing reimbursed, nothing to judge; a partial reversal is judged on the net
        and {{ 'events.meal_amount' if grain == 'meal' else 'events.approval_claimed_amount' }} > 0
        and cast({{ amount }} as numeric(18, 2)) > 0
)

select * from final
{%- endmacro %}


{#- Text screened for banned keywords (RF_EXP_009): NFKC (full-width forms), upper case, without whitespace and
    the punctuation invoices put around goods (全电 invoices write "*酒*贵州茅台酒"), so "购 物 卡", "ＫＴＶ" and
    "*烟草制品*软中华" read as 购物卡, KTV and 烟草制品软中华. Applied alike to the text, the keywords and the
    exclusion phrases. -#}
{% macro norm_screen_text(expr) -%}
    nullif(regexp_replace(upper(normalize(cast({{ expr }} as text), NFKC)),
                          '[\s\*·・.．,，、;；:：!！?？"“”''‘’()（）\[\]【】<>《》{}_/\\|+\-—–~]+', '', 'g'), '')
{%- endmacro %}


{#- The host level of std_entertainment from an organisation level: 1 集团本部, 2 二级单位, 3 and below 三级单位. -#}
{% macro host_level(org_level) -%}
    case when {{ org_level }} <= 1 then '集团本部' when {{ org_level }} = 2 then '二级单位'
        when {{ org_level }} >= 3 then '三级单位' end
{%- endmacro %}
