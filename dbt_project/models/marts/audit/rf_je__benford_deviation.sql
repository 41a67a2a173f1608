{#- RF_JE_006 本福特定律偏离: per subsidiary and fiscal year, the first digits of the line amounts of closed
    periods (amounts of at least the seeded minimum) against Benford's law, log10(1 + 1/d). A finding where the
    sample holds at least the seeded minimum number of lines and the mean absolute deviation (MAD) exceeds
    Nigrini's nonconformity threshold (std_je_benford, in force on the as-of date). Smaller samples are not
    judged. Amount: the sample's total; references: the closed periods of that year. -#}
with lines as (
    select * from {{ ref('int_gl__lines') }}
),

closes as (
    select * from {{ ref('stg_nc_erp__gl_period_close') }}
),

standard as (
    select * from {{ ref('std_je_benford') }}
    where test_code = 'FIRST_DIGIT' and subsidiary_code is null and {{ in_force(as_of_date()) }}
),

sample as (
    select
        lines.subsidiary_code,
        lines.fiscal_year,
        lines.amount,
        cast(left(cast(lines.amount as text), 1) as integer) as first_digit
    from lines
    inner join closes
        on closes.subsidiary_code = lines.subsidiary_code
        and closes.fiscal_year = lines.fiscal_year
        and closes.period = lines.period
    cross join standard
    where lines.amount >= standard.min_amount
),

{#- One pass over the sample (read twice, it was materialized: 3 million rows at tier M); the year's totals
    come from its nine digit counts. -#}
digit_counts as (
    select subsidiary_code, fiscal_year, first_digit, count(*) as observed_count, sum(amount) as digit_amount
    from sample
    group by subsidiary_code, fiscal_year, first_digit
),

per_year as (
    select subsidiary_code, fiscal_year, sum(observed_count)::bigint as sample_size, sum(digit_amount) as sample_amount
    from digit_counts
    group by subsidiary_code, fiscal_year
),

grid as (
    select
        per_year.*,
        digits.digit,
        log(1 + 1.0 / digits.digit) as expected_share,
        coalesce(digit_counts.observed_count, 0) as observed_count,
        coalesce(digit_counts.observed_count, 0) * 1.0 / per_year.sample_size as observed_share
    from per_year
    cross join (select generate_series(1, 9) as digit) as digits
    left join digit_counts
        on digit_counts.subsidiary_code = per_year.subsidiary_code
        and digit_counts.fiscal_year = per_year.fiscal_year
        and digit_counts.first_digit = digits.digit
),

per_test as (
    select
        subsidiary_code,
        fiscal_year,
        sample_size,
        sample_amount,
        avg(abs(observed_share - expected_share)) as mad,
        jsonb_agg(
            jsonb_build_object(
                '首位数字', digit,
                '笔数', observed_count,
                '实际占比', round(observed_share, 4),
                '理论占比', round(expected_share, 4)
            ) order by digit
        ) as distribution
    from grid
    group by subsidiary_code, fiscal_year, sample_size, sample_amount
),

judged as (
    select per_test.*, standard.min_sample, standard.min_amount, standard.mad_close, standard.mad_acceptable,
        standard.mad_nonconformity, standard.effective_from, standard.source as standard_source
    from per_test
    cross join standard
    where per_test.sample_size >= standard.min_sample and per_test.mad > standard.mad_nonconformity
),

refs as (
    select
        subsidiary_code,
        fiscal_year,
        count(*) as closed_periods,
        jsonb_agg(
            jsonb_build_object('table', 'nc_erp.gl_period_close',
                               'key', jsonb_build_object('org_code', subsidiary_code, 'fiscal_year', fiscal_year,
                                                         'period', period),
                               'label', '结账记录 ' || subsidiary_code || ' ' || fiscal_year || '年' || period || '期')
            order by period
        ) as source_refs
    from closes
    group by subsidiary_code, fiscal_year
),

subsidiaries as (
    select * from {{ ref('stg_nc_erp__org') }}
),

final as (
    select
        'RF_JE_006' as rule_id,
        judged.subsidiary_code,
        'subsidiary' as subject_type,
        judged.subsidiary_code as subject_id,
        subsidiaries.org_name as subject_name,
        cast(judged.fiscal_year as text) as period,
        judged.sample_amount as amount,
        jsonb_build_object(
            '会计年度', judged.fiscal_year,
            '已结账期间数', refs.closed_periods,
            '样本分录数', judged.sample_size,
            '样本金额合计', judged.sample_amount,
            '样本口径', '已结账期间、金额不低于' || judged.min_amount || '元的分录',
            '平均绝对偏差MAD', round(judged.mad, 4),
            '不符合临界值', judged.mad_nonconformity,
            '结论', '首位数字分布不符合本福特定律（MAD > ' || judged.mad_nonconformity || '）',
            '最小样本量', judged.min_sample,
            '首位数字分布', judged.distribution,
            '标准出处', judged.standard_source,
            '标准生效日期', judged.effective_from
        ) as evidence,
        refs.source_refs,
        judged.subsidiary_code || '|' || judged.fiscal_year as flag_key
    from judged
    inner join refs on refs.subsidiary_code = judged.subsidiary_code and refs.fiscal_year = judged.fiscal_year
    left join subsidiaries on subsidiaries.subsidiary_code = judged.subsidiary_code
)

select * from final
