{#- RF_EXP_009 费用含违规关键词: a claim line (any expense type, not on a rejected claim)
    - whose invoice item name or claim purpose contains a keyword of std_banned_keywords in force on the line's
      date (families: 礼品礼金, 购物卡券, 烟酒 and liquor/cigarette brands, 高档消费, 会所, 旅游), matched on
      normalised text (norm_screen_text: full-width forms, case, spaces and punctuation) after taking out the
      phrases of std_banned_keyword_exclusions (institution, place and model names that contain a keyword:
      中华人民共和国, 茅台机场, 工会所需 ...); or
    - that is on a meal invoice (item name 餐饮/餐费/用餐/工作餐/宴, or any entertainment line but a room) whose total, all lines of the one invoice on a claim less partial red-ink lines of the invoice on other claims, is above the single-invoice screening amount
      of std_entertainment for the host's level in force on the date.
    Amount: the line, net of partial red-ink reversals of the same invoice (reimbursed_amounts); a line reversed
    in full, and the red-ink line itself, are not judged (reimbursed_line). -#}
with lines as (
    select
        *,
        {{ norm_invoice("invoice_code", "invoice_no") }} as line_invoice_key,
        {{ norm_screen_text('item_name') }} as item_text,
        {{ norm_screen_text('claim_summary') }} as summary_text
    from {{ ref('int_exp__claim_lines') }}
    -- a claim turned down (驳回, 退回, 审批不通过, 作废 ...) reimburses nothing
    where not {{ claim_turned_down('approval_status') }}
),

keywords as (
    select *, {{ norm_screen_text('keyword') }} as keyword_text from {{ ref('std_banned_keywords') }}
),

exclusions as (
    select
        *,
        -- the phrase as a literal regular expression
        regexp_replace({{ norm_screen_text('phrase') }}, '([.^$|?*+()\[\]{}\\])', '\\\1', 'g') as phrase_pattern
    from {{ ref('std_banned_keyword_exclusions') }}
),

orgs as (
    select subsidiary_code, {{ host_level('org_level') }} as host_level from {{ ref('stg_nc_erp__org') }}
),

standards as (
    select * from {{ ref('std_entertainment') }}
),

-- the exclusion phrases in force for each subsidiary and day that has lines, longest first
exclusion_patterns as (
    select
        days.subsidiary_code,
        days.start_date,
        string_agg(exclusions.phrase_pattern, '|' order by length(exclusions.phrase_pattern) desc)
            as pattern
    from (select distinct subsidiary_code, start_date from lines) as days
    inner join exclusions
        on (exclusions.subsidiary_code = days.subsidiary_code or exclusions.subsidiary_code is null)
        and {{ in_force('days.start_date', 'exclusions') }}
    group by days.subsidiary_code, days.start_date
),

screened as (
    select
        lines.*,
        case when patterns.pattern is null then lines.item_text
            else regexp_replace(lines.item_text, patterns.pattern, '#', 'g') end as item_screen,
        case when patterns.pattern is null then lines.summary_text
            else regexp_replace(lines.summary_text, patterns.pattern, '#', 'g') end as summary_screen
    from lines
    left join exclusion_patterns as patterns
        on patterns.subsidiary_code = lines.subsidiary_code and patterns.start_date = lines.start_date
),

keyword_hits as (
    select
        screened.claim_no,
        screened.line_no,
        string_agg(distinct keywords.keyword, '、' order by keywords.keyword) as keywords,
        string_agg(distinct keywords.category, '、' order by keywords.category) as categories,
        min(keywords.source) as keyword_source,
        min(keywords.effective_from) as keyword_effective_from
    from screened
    inner join keywords
        on (strpos(coalesce(screened.item_screen, ''), keywords.keyword_text) > 0
            or strpos(coalesce(screened.summary_screen, ''), keywords.keyword_text) > 0)
        and {{ in_force('screened.start_date', 'keywords') }}
        and (keywords.subsidiary_code = screened.subsidiary_code or keywords.subsidiary_code is null)
    group by screened.claim_no, screened.line_no
),

-- partial red-ink (红字冲销) lines of an invoice, by the claim they are on: a negative line that matches no
-- positive line of the invoice exactly (a full reversal of a line is reimbursed_line's)
partial_red_ink as (
    select red.line_invoice_key, red.claim_no, sum(red.amount) as red_amount
    from lines as red
    where red.amount < 0 and red.line_invoice_key is not null
        and not exists (
            select 1 from lines as reversed
            where reversed.line_invoice_key = red.line_invoice_key and reversed.amount = -red.amount
        )
    group by red.line_invoice_key, red.claim_no
),

partial_red_ink_per_invoice as (
    select line_invoice_key, sum(red_amount) as red_amount from partial_red_ink group by line_invoice_key
),

-- meal invoices: all lines of one invoice on a claim add up, with the partial red ink of the invoice written on
-- other claims (what the invoice reimbursed); a line without an invoice number stands alone
meal_lines as (
    select
        lines.*,
        sum(lines.amount) over (
            partition by lines.claim_no, coalesce(lines.line_invoice_key, lines.claim_no || '|' || lines.line_no)
        ) + coalesce(per_invoice.red_amount, 0) - coalesce(on_claim.red_amount, 0) as invoice_amount
    from lines
    left join partial_red_ink_per_invoice as per_invoice on per_invoice.line_invoice_key = lines.line_invoice_key
    left join partial_red_ink as on_claim
        on on_claim.line_invoice_key = lines.line_invoice_key and on_claim.claim_no = lines.claim_no
    where lines.item_text ~ '餐饮|餐费|用餐|工作餐|会议餐|宴'
        or ({{ norm_text('lines.expense_type') }} ~ '招待|接待' and coalesce(lines.item_text, '') !~ '住宿|房费')
),

screen_hits as (
    select
        meal_lines.claim_no,
        meal_lines.line_no,
        meal_lines.invoice_amount,
        std.single_invoice_screen_amount,
        std.host_level,
        std.source as screen_source,
        std.effective_from as screen_effective_from
    from meal_lines
    left join orgs on orgs.subsidiary_code = meal_lines.subsidiary_code
    inner join lateral ({{ standard_in_force('standards', 'meal_lines.start_date', 'meal_lines.subsidiary_code',
                                             'standards.host_level = orgs.host_level') }}) as std on true
    where meal_lines.invoice_amount > std.single_invoice_screen_amount
),

flagged as (
    select
        lines.*,
        coalesce(net.reimbursed_amount, lines.amount) as reimbursed_amount,
        keyword_hits.keywords,
        keyword_hits.categories,
        screen_hits.invoice_amount,
        screen_hits.single_invoice_screen_amount,
        screen_hits.host_level,
        concat_ws('；', keyword_hits.keyword_source, screen_hits.screen_source) as standard_source,
        least(keyword_hits.keyword_effective_from, screen_hits.screen_effective_from) as standard_effective_from
    from lines
    left join keyword_hits on keyword_hits.claim_no = lines.claim_no and keyword_hits.line_no = lines.line_no
    left join screen_hits on screen_hits.claim_no = lines.claim_no and screen_hits.line_no = lines.line_no
    left join {{ reimbursed_amounts() }} as net on net.claim_no = lines.claim_no and net.line_no = lines.line_no
    where (keyword_hits.claim_no is not null or screen_hits.claim_no is not null)
        -- a red-ink line, or a line it reversed in full (at once or in parts), reimbursed nothing
        and {{ reimbursed_line('lines') }}
        and coalesce(net.reimbursed_amount, lines.amount) > 0
),

final as (
    select
        'RF_EXP_009' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        claimant_emp_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        reimbursed_amount as amount,
        jsonb_build_object(
            '问题', concat_ws('；',
                case when keywords is not null then '含关键词“' || keywords || '”（' || categories || '）' end,
                case when invoice_amount is not null then '单张餐饮发票' || invoice_amount || '元，超过筛查金额'
                    || single_invoice_screen_amount || '元（' || host_level || '）' end),
            '命中关键词', keywords,
            '关键词类别', categories,
            '发票品名', item_name,
            '报销事由', claim_summary,
            '费用项目', expense_type,
            '金额', amount,
            '红字冲销后金额', case when reimbursed_amount <> amount then reimbursed_amount end,
            '发票金额合计', invoice_amount,
            '单张发票筛查金额', single_invoice_screen_amount,
            '发生日期', start_date,
            '报销单号', claim_no,
            '发票', concat_ws('-', invoice_code, invoice_no),
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from flagged
)

select * from final
