{#- Rent receipts booked in the ERP with the contract number they were booked under as a key (norm_code), so a
    receipt booked as "zl-s01 0001" still belongs to contract ZL-S01-0001. -#}
with receipts as (
    select * from {{ ref('stg_nc_erp__rent_receipt') }}
),

final as (
    select
        receipts.*,
        -- keys
        {{ norm_code('receipts.contract_no') }} as contract_key
    from receipts
)

select * from final
