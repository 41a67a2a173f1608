{#- RF_KPI_001 资产负债率及亏损预警: per subsidiary and month of the monthly financials, the thresholds of
    std_kpi_thresholds in force at the month's end (the subsidiary's own row first, then its industry, then 默认)
    compared as the seed says (comparison column): debt ratio at the warning or key-supervision line, a loss
    month, consecutive loss months. One finding per subsidiary-month. Amount: the month's loss when there is
    one, else the total liabilities. -#}
with financials as (
    select * from {{ ref('stg_nc_erp__monthly_financials') }}
),

subsidiaries as (
    select * from {{ ref('stg_nc_erp__org') }}
),

thresholds as (
    select * from {{ ref('std_kpi_thresholds') }}
),

months as (
    select
        financials.*,
        subsidiaries.org_name,
        subsidiaries.industry,
        cast(financials.report_month || '-01' as date) as month_start,
        financials.total_liabilities / nullif(financials.total_assets, 0) as debt_ratio,
        financials.net_profit < 0 as is_loss
    from financials
    left join subsidiaries on subsidiaries.subsidiary_code = financials.subsidiary_code
),

streaks as (
    select
        months.*,
        row_number() over (partition by subsidiary_code order by month_start)
            - row_number() over (partition by subsidiary_code, is_loss order by month_start) as streak_group
    from months
),

counted as (
    select
        streaks.*,
        case when is_loss then count(*) over (partition by subsidiary_code, is_loss, streak_group
                                              order by month_start rows unbounded preceding)
             else 0 end as loss_months
    from streaks
),

measures as (
    select subsidiary_code, report_month, month_start, industry, 'DEBT_RATIO' as metric_code, debt_ratio as value
    from counted
    union all
    select subsidiary_code, report_month, month_start, industry, 'NET_PROFIT_MONTH', net_profit from counted
    union all
    select subsidiary_code, report_month, month_start, industry, 'LOSS_MONTHS_CONSECUTIVE', loss_months from counted
),

applicable as (
    select distinct on (measures.subsidiary_code, measures.report_month, measures.metric_code, t.alert_level)
        measures.*,
        t.metric_name,
        t.alert_level,
        t.comparison,
        t.threshold_value,
        t.unit,
        t.source,
        t.effective_from
    from measures
    inner join thresholds as t
        on t.metric_code = measures.metric_code
        and {{ in_force("(measures.month_start + interval '1 month' - interval '1 day')::date", 't') }}
        and (t.subsidiary_code = measures.subsidiary_code or t.subsidiary_code is null)
        and (t.industry = measures.industry or t.industry = '默认')
    order by measures.subsidiary_code, measures.report_month, measures.metric_code, t.alert_level,
        t.subsidiary_code is null, t.industry = '默认'
),

triggered as (
    select * from applicable
    where case comparison
        when '>=' then value >= threshold_value
        when '>' then value > threshold_value
        when '<=' then value <= threshold_value
        when '<' then value < threshold_value
    end
),

per_month as (
    select
        subsidiary_code,
        report_month,
        jsonb_agg(
            jsonb_build_object(
                '指标', metric_name,
                '预警级别', alert_level,
                '实际值', case when unit = '比率' then round(value * 100, 2) || '%' else value::text end,
                '阈值', comparison || ' ' || case when unit = '比率' then round(threshold_value * 100, 2) || '%'
                                                 else threshold_value::text end,
                '标准出处', source,
                '标准生效日期', effective_from
            ) order by metric_code, alert_level
        ) as warnings,
        bool_or(alert_level = '重点监管') as key_supervision
    from triggered
    group by subsidiary_code, report_month
),

final as (
    select
        'RF_KPI_001' as rule_id,
        counted.subsidiary_code,
        'subsidiary' as subject_type,
        counted.subsidiary_code as subject_id,
        counted.org_name as subject_name,
        counted.report_month as period,
        case when counted.is_loss then -counted.net_profit else counted.total_liabilities end as amount,
        jsonb_build_object(
            '报告月份', counted.report_month,
            '资产总额', counted.total_assets,
            '负债总额', counted.total_liabilities,
            '资产负债率', round(counted.debt_ratio * 100, 2) || '%',
            '当月营业收入', counted.revenue,
            '当月净利润', counted.net_profit,
            '连续亏损月数', counted.loss_months,
            '最高预警级别', case when per_month.key_supervision then '重点监管' else '预警' end,
            '预警事项', per_month.warnings
        ) as evidence,
        jsonb_build_array(jsonb_build_object(
            'table', 'nc_erp.monthly_financials',
            'key', jsonb_build_object('org_code', counted.subsidiary_code, 'report_month', counted.report_month),
            'label', '月度财务快报 ' || counted.subsidiary_code || ' ' || counted.report_month
        )) as source_refs,
        counted.subsidiary_code || '|' || counted.report_month as flag_key
    from counted
    inner join per_month
        on per_month.subsidiary_code = counted.subsidiary_code and per_month.report_month = counted.report_month
)

select * from final
