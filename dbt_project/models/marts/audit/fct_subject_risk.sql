{#- Where several findings meet: every subject (person, customer, supplier, asset, ...) and every subsidiary,
    ranked by how many distinct rules and how much money its findings touch. An auditor starts at the top. -#}
with flags as (
    select * from {{ ref('fct_red_flags') }}
),

severity_weight as (
    select
        flags.*,
        case flags.severity when '高' then 3 when '中' then 2 else 1 end as weight,
        case when flags.amount_kind = 'at_issue' then flags.amount end as amount_at_issue
    from flags
),

by_subject as (
    select
        'subject' as risk_level,
        subject_type,
        subject_id,
        max(subject_name) as subject_name,
        string_agg(distinct subsidiary_code, ',' order by subsidiary_code) as subsidiary_codes,
        count(distinct rule_id) as rule_count,
        count(*) as flag_count,
        sum(amount_at_issue) as amount,
        max(weight) as max_weight,
        sum(weight) as severity_score,
        jsonb_agg(distinct rule_id || ' ' || rule_name) as rules,
        array_agg(flag_id order by amount_at_issue desc nulls last, flag_id) as flag_ids
    from severity_weight
    group by subject_type, subject_id
),

by_subsidiary as (
    select
        'subsidiary' as risk_level,
        'subsidiary' as subject_type,
        subsidiary_code as subject_id,
        max(subsidiary_name) as subject_name,
        subsidiary_code as subsidiary_codes,
        count(distinct rule_id) as rule_count,
        count(*) as flag_count,
        sum(amount_at_issue) as amount,
        max(weight) as max_weight,
        sum(weight) as severity_score,
        jsonb_agg(distinct rule_id || ' ' || rule_name) as rules,
        array_agg(flag_id order by amount_at_issue desc nulls last, flag_id) as flag_ids
    from severity_weight
    group by subsidiary_code
),

unioned as (
    select * from by_subject
    union all
    select * from by_subsidiary
),

final as (
    select
        -- ids
        risk_level,
        subject_type,
        subject_id,
        -- strings
        subject_name,
        subsidiary_codes,
        case max_weight when 3 then '高' when 2 then '中' else '低' end as max_severity,
        rules,
        flag_ids[1:20] as top_flag_ids,
        -- counts and amounts
        rule_count,
        flag_count,
        severity_score,
        cast(amount as numeric(18, 2)) as amount,
        -- rank within the subject type: most rules first, then most severe, then most money
        rank() over (
            partition by risk_level, subject_type
            order by rule_count desc, severity_score desc, amount desc nulls last
        ) as risk_rank
    from unioned
)

select * from final
