{#- RF_JE_002 敏感科目整数金额: manual voucher lines in a sensitive account (std_je_sensitive_accounts, by code
    prefix, in force on the prepared date; a subsidiary's own row first) whose amount is a whole multiple of
    the seeded round unit and at least the seeded size. One finding per voucher; amount: the round lines. -#}
with lines as (
    select * from {{ ref('int_gl__lines') }}
    where source_type = '手工'
),

standards as (
    select * from {{ ref('std_je_sensitive_accounts') }}
),

judged as (
    select
        lines.*,
        std.account_code_prefix,
        std.account_name as sensitive_account,
        std.round_unit,
        std.min_amount,
        std.source as standard_source
    from lines
    inner join lateral (
        select standards.* from standards
        where lines.account_code like standards.account_code_prefix || '%'
            and {{ in_force('lines.prepared_date', 'standards') }}
            and (standards.subsidiary_code = lines.subsidiary_code or standards.subsidiary_code is null)
        order by standards.subsidiary_code is null, length(standards.account_code_prefix) desc
        limit 1
    ) as std on true
    where lines.amount >= std.min_amount and mod(lines.amount, std.round_unit) = 0
),

per_voucher as (
    select
        voucher_id,
        subsidiary_code,
        voucher_label,
        voucher_summary,
        preparer_code,
        preparer_name,
        checker_name,
        prepared_date,
        sum(amount) as amount,
        jsonb_agg(
            jsonb_build_object(
                '分录号', line_no,
                '科目', account_path,
                '敏感科目', sensitive_account,
                '借方金额', debit,
                '贷方金额', credit,
                '整数单位', round_unit,
                '金额下限', min_amount,
                '标准出处', standard_source
            ) order by line_no
        ) as round_lines
    from judged
    group by voucher_id, subsidiary_code, voucher_label, voucher_summary, preparer_code, preparer_name,
        checker_name, prepared_date
),

final as (
    select
        'RF_JE_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        preparer_code as subject_id,
        preparer_name as subject_name,
        to_char(prepared_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '凭证号', voucher_label,
            '摘要', voucher_summary,
            '制单人', preparer_name,
            '审核人', checker_name,
            '制单日期', prepared_date,
            '整数金额合计', amount,
            '整数金额分录', round_lines
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from per_voucher
)

select * from final
