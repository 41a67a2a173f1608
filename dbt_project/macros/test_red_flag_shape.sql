{#- Generic model test: the common shape every rf_* rule promises (see red_flag_columns()). Keys and evidence
    present, one row per flag_key, and the amount as the rule's meta.amount_kind declares it:
    at_issue (涉及金额) is positive, context (参考数) is present, none (no money figure) is zero. -#}
{% test red_flag_shape(model, amount_kind='at_issue') %}
{#- A warning, not an error: one rule's bad row (a negative amount from a reversal nobody foresaw) must not stop
    the build and lose every rule's night. The GX suite on the audit mart (audit_flags) checks the same amounts
    before publishing and holds back only the rule whose flags fail it (its flags go stale, with the reason). -#}
{{ config(severity='warn') }}
with checked as (
    select *, count(*) over (partition by flag_key) as rows_with_key
    from {{ model }}
)

select * from checked
where rule_id is null or subsidiary_code is null or subject_type is null or subject_id is null
    or period is null or evidence is null or source_refs is null or flag_key is null or amount is null
    or rows_with_key > 1
    {%- if amount_kind == 'at_issue' %}
    or amount <= 0
    {%- elif amount_kind == 'none' %}
    or amount <> 0
    {%- elif amount_kind != 'context' %}
    {{ exceptions.raise_compiler_error("red_flag_shape: amount_kind must be at_issue, context or none, got " ~ amount_kind) }}
    {%- endif %}
{% endtest %}
