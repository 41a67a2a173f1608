{#- RF_EXP_009 费用含违规关键词: a claim line whose invoice item or claim purpose contains a banned keyword in
    force on the line's date (gifts, shopping cards, tobacco and liquor, luxury food, clubs, tourism).
    Amount: the line. -#}
with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
),

keywords as (
    select * from {{ ref('std_banned_keywords') }}
),

matched as (
    select
        lines.claim_no,
        lines.line_no,
        string_agg(distinct keywords.keyword, '、' order by keywords.keyword) as keywords,
        string_agg(distinct keywords.category, '、' order by keywords.category) as categories,
        min(keywords.source) as standard_source
    from lines
    inner join keywords
        on (strpos(coalesce(lines.item_name, ''), keywords.keyword) > 0
            or strpos(coalesce(lines.claim_summary, ''), keywords.keyword) > 0)
        and {{ in_force('lines.start_date', 'keywords') }}
        and (keywords.subsidiary_code = lines.subsidiary_code or keywords.subsidiary_code is null)
    group by lines.claim_no, lines.line_no
),

flagged as (
    select
        lines.*,
        matched.keywords,
        matched.categories,
        matched.standard_source
    from matched
    inner join lines on lines.claim_no = matched.claim_no and lines.line_no = matched.line_no
),

final as (
    select
        'RF_EXP_009' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        claimant_emp_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '命中关键词', keywords,
            '关键词类别', categories,
            '发票品名', item_name,
            '报销事由', claim_summary,
            '费用项目', expense_type,
            '金额', amount,
            '发生日期', start_date,
            '报销单号', claim_no,
            '发票', invoice_code || '-' || invoice_no,
            '标准出处', standard_source
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from flagged
)

select * from final
