{#- Every red-flag rule in one shape, named and classified from the rule registry (rule_catalog).
    Adding a rule: one rf_* model, its yml, one rule_catalog row and one entry in this list. -#}
{%- set rule_models = [
    'rf_ar__aged_over_3y',
    'rf_ar__ledger_late',
    'rf_ar__no_movement',
    'rf_asset__disposal_below_appraisal',
    'rf_asset__off_book',
    'rf_asset__rent_below_appraisal',
    'rf_asset__rent_not_booked',
    'rf_dq__reporting_quality',
    'rf_exp__banned_keywords',
    'rf_exp__duplicate_invoice',
    'rf_exp__entertainment_accompany_excess',
    'rf_exp__entertainment_no_letter',
    'rf_exp__entertainment_no_preapproval',
    'rf_exp__entertainment_over_approved',
    'rf_exp__entertainment_over_cap',
    'rf_exp__hotel_over_cap',
    'rf_exp__transport_over_class',
    'rf_exp__travel_without_approval',
    'rf_exp__vehicle_not_registered',
    'rf_fund__wealth_product_special_funds',
    'rf_hr__concurrent_posts_excess',
    'rf_hr__passport_returned_late',
    'rf_hr__relatives_reporting_line',
    'rf_hr__title_outside_establishment',
    'rf_hr__trip_abroad_overstay',
    'rf_je__benford_deviation',
    'rf_je__just_below_threshold',
    'rf_je__manual_holiday',
    'rf_je__posted_after_close',
    'rf_je__round_amount_sensitive',
    'rf_je__same_preparer_checker',
    'rf_kpi__debt_ratio_loss',
    'rf_pay__allowance_not_in_catalog',
    'rf_pay__allowance_over_cap',
    'rf_pay__allowance_to_leavers',
    'rf_pay__ghost_payroll',
    'rf_proc__inquiry_without_records',
    'rf_proc__no_tender',
    'rf_proc__split_purchase',
] -%}

with unioned as (
    {% for model in rule_models %}
    select {{ red_flag_columns() | join(', ') }} from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

catalog as (
    select * from {{ ref('rule_catalog') }}
),

subsidiaries as (
    select * from {{ ref('stg_nc_erp__org') }}
),

final as (
    select
        -- ids
        {{ flag_id('unioned.rule_id', 'unioned.flag_key') }} as flag_id,
        unioned.rule_id,
        unioned.subsidiary_code,
        unioned.subject_type,
        unioned.subject_id,
        unioned.flag_key,
        -- strings
        catalog.rule_name_zh as rule_name,
        catalog.category,
        catalog.severity,
        catalog.owner_department,
        subsidiaries.org_name as subsidiary_name,
        unioned.subject_name,
        unioned.period,
        -- amounts
        cast(unioned.amount as numeric(18, 2)) as amount,
        -- evidence
        unioned.evidence,
        unioned.source_refs,
        {{ as_of_date() }} as as_of_date
    from unioned
    left join catalog on catalog.rule_id = unioned.rule_id
    left join subsidiaries on subsidiaries.subsidiary_code = unioned.subsidiary_code
)

select * from final
